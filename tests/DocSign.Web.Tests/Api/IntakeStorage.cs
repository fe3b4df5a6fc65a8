using DocSign.Core.Intake;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Api;

/// <summary>What the intake side has stored (register rows, documents, objects under its prefixes): to prove a refused call stored nothing.</summary>
internal static class IntakeStorage
{
    public static async Task<(int Letters, int Documents, int Objects)> CountAsync(ApiFixture app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IObjectStore>();
        var objects = 0;
        foreach (var prefix in new[] { "incoming/", "attachments/", "documents/" })
            await foreach (var _ in store.ListAsync(prefix)) objects++;
        return (await db.Set<IncomingLetter>().CountAsync(), await db.Documents.CountAsync(), objects);
    }
}
