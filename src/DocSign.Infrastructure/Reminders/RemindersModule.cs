using DocSign.Core.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Reminders;

/// <summary>Reminders (<c>DocSign:Reminders</c>) and their e-mail (<c>DocSign:Email</c>, off until a server is configured).</summary>
public static class RemindersModule
{
    public static IServiceCollection AddDocSignReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        // A wrong Security value fails at start, not at the first reminder.
        services.AddOptions<EmailOptions>().Validate(o => { _ = o.SocketOptions; return true; });
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Enabled
            ? sp.GetRequiredService<SmtpEmailSender>()
            : new NoEmail());
        return services;
    }
}
