using DocSign.Core.Letters;
using DocSign.Infrastructure.Rendering;
using DocSign.Infrastructure.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// Outgoing letters (<c>DocSign:Letters</c>, <c>DocSign:Letters:Signing</c>): the register with its locking number
/// lanes, the surat pengantar and register drawings, and the letter's unattended signature.
/// </summary>
public static class LettersModule
{
    public static IServiceCollection AddDocSignLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LetterOptions>(configuration.GetSection(LetterOptions.Section));
        services.Configure<LetterSigningOptions>(configuration.GetSection(LetterSigningOptions.Section));
        services.Configure<LetterTestHooks>(configuration.GetSection(LetterTestHooks.Section));
        services.AddSingleton<LetterNumberLanes>();
        services.AddScoped<ILetterRegister, EfLetterRegister>();
        services.AddScoped<ILetterSenderSource, EfLetterSenderSource>();
        services.AddScoped<ILocalClassificationCodes, EfLocalClassificationCodes>();
        services.AddSingleton<ICoverLetterRenderer, CoverLetterPdf>();
        services.AddSingleton<IRegisterRenderer, RegisterPdf>();
        services.AddSingleton<ILetterSigner, PadesLetterSigner>();
        return services;
    }
}
