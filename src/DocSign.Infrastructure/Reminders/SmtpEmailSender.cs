using DocSign.Core.Reminders;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DocSign.Infrastructure.Reminders;

/// <summary>
/// The SMTP server reminders are sent through (<c>DocSign:Email</c>). E-mail is off while <see cref="Host"/> or
/// <see cref="From"/> is empty. The password is never logged (<see cref="ToString"/> leaves it out).
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "DocSign:Email";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary><c>Auto</c> (STARTTLS when offered), <c>StartTls</c> (required), <c>SslOnConnect</c> (port 465) or <c>None</c> (a relay on loopback only).</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender address, e.g. <c>docsign@kecamatan.example</c>.</summary>
    public string? From { get; set; }
    public string FromName { get; set; } = "DocSign";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public SecureSocketOptions SocketOptions => Security.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" or "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        "auto" or "" => SecureSocketOptions.Auto,
        _ => throw new InvalidOperationException($"DocSign:Email:Security must be Auto, StartTls, SslOnConnect or None, not '{Security}'."),
    };

    public override string ToString() => $"{Host}:{Port} ({Security}) from {From}" + (string.IsNullOrEmpty(UserName) ? "" : $" as {UserName}");
}

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
