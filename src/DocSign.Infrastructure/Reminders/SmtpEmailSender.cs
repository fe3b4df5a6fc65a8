using DocSign.Core.Reminders;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DocSign.Infrastructure.Reminders;

/// <summary>Sends reminders with MailKit over one SMTP connection per run; each message's failure is reported, never thrown.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public bool Enabled => options.Value.Enabled;

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var outcomes = new string?[messages.Count];
        if (messages.Count == 0) return outcomes;
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host, o.Port, o.SocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var why = $"SMTP server {o.Host}:{o.Port} not usable: {Describe(e)}";
            logger.LogWarning("Reminder e-mail: {Reason}", why);
            Array.Fill(outcomes, why);
            return outcomes;
        }
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await client.SendAsync(Mime(o, messages[i]), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcomes[i] = Describe(e);
                // A broken connection fails the rest too; a refused recipient does not.
                if (!client.IsConnected)
                {
                    for (var j = i + 1; j < messages.Count; j++) outcomes[j] = "connection lost: " + outcomes[i];
                    break;
                }
            }
        }
        try { if (client.IsConnected) await client.DisconnectAsync(quit: true, cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { logger.LogDebug("SMTP QUIT failed: {Reason}", e.Message); }
        return outcomes;
    }

    private static MimeMessage Mime(EmailOptions o, EmailMessage m)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(new MailboxAddress(m.ToName, m.To));
        message.Subject = m.Subject;
        message.Body = new TextPart("plain") { Text = m.Body };
        return message;
    }

    /// <summary>The failure in English without anything the server was told (no credentials).</summary>
    private static string Describe(Exception e) => e switch
    {
        AuthenticationException => "authentication refused by the SMTP server",
        SmtpCommandException c => $"{c.ErrorCode} ({(int)c.StatusCode}): {c.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
