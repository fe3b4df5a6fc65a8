using DocSign.Core.Intake;
using DocSign.Infrastructure.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Intake;

/// <summary>Adapters of the intake side: the surat masuk register in the database and the hand-off manifest sheet.</summary>
public static class IntakeAdapters
{
    public static IServiceCollection AddDocSignIntakeAdapters(this IServiceCollection services)
    {
        services.AddScoped<IIncomingLetterRepository, IncomingLetterRepository>();
        services.AddSingleton<IHandOffSheetRenderer, HandOffSheetPdf>();
        return services;
    }
}
