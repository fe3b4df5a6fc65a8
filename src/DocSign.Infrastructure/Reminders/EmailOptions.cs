using MailKit.Security;

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
