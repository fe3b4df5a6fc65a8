using DocSign.Core.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Core.Intake;

/// <summary>Use cases of the intake side: the order's attachment, the surat masuk register with disposisi, the hand-off package.</summary>
public static class IntakeModule
{
    public static IServiceCollection AddDocSignIntake(this IServiceCollection services)
    {
        services.AddScoped<ReadAttachmentHandler>();
        services.AddScoped<RegisterIncomingLetterHandler>();
        services.AddScoped<ListIncomingLettersHandler>();
        services.AddScoped<GetIncomingLetterHandler>();
        services.AddScoped<AddDisposisiHandler>();
        services.AddScoped<StartSopFromLetterHandler>();
        services.AddScoped<ReadIncomingScanHandler>();
        services.AddScoped<MyDisposisiHandler>();
        services.AddScoped<DownloadHandOffHandler>();
        return services;
    }
}
