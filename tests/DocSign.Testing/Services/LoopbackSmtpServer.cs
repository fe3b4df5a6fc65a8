using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DocSign.Testing.Services;

/// <summary>One message as the SMTP server received it: the envelope and the raw message (headers and body).</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data, string? AuthenticatedAs)
{
    /// <summary>The raw message with quoted-printable soft line breaks joined and =XX escapes decoded (UTF-8), for text checks.</summary>
    public string Text
    {
        get
        {
            var joined = Data.Replace("=\r\n", "");
            var bytes = new List<byte>();
            for (var i = 0; i < joined.Length; i++)
            {
                if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
                {
                    bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }
    }
}

/// <summary>
/// A minimal SMTP server on a free loopback port (RFC 5321 subset: EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET,
/// NOOP, QUIT), speaking over a real socket so that the client's whole conversation is exercised. Every accepted
/// message is kept in <see cref="Received"/>; <see cref="RefuseRecipients"/> makes it answer 451 (try again later)
/// to every RCPT, to test failures.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Task _accepting;

    private LoopbackSmtpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public static LoopbackSmtpServer Start() => new();

    public int Port { get; }

    /// <summary>The accepted messages, in order.</summary>
    public IReadOnlyList<ReceivedMail> Received => _received.ToArray();

    /// <summary>While true, every RCPT TO is answered 451 (a temporary failure).</summary>
    public volatile bool RefuseRecipients;

    /// <summary>The AUTH PLAIN credentials seen (user, password), to prove the client sent what was configured.</summary>
    public IReadOnlyList<(string User, string Password)> Logins => _logins.ToArray();
    private readonly ConcurrentQueue<(string, string)> _logins = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        string? from = null, user = null;
        var to = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 loopback ESMTP siap");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-loopback");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250 AUTH PLAIN");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 loopback");
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var payload = parts.Length > 2 ? parts[2] : await AskAsync(writer, reader);
                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(payload)).Split('\0');
                        user = fields[1];
                        _logins.Enqueue((fields[1], fields[2]));
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        if (RefuseRecipients) { await writer.WriteLineAsync("451 4.3.0 Coba lagi nanti"); break; }
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 2.1.5 Ok");
                        break;
                    case "DATA":
                        if (from is null || to.Count == 0) { await writer.WriteLineAsync("503 5.5.1 Need MAIL and RCPT"); break; }
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        _received.Enqueue(new ReceivedMail(from, to.ToList(), data.ToString(), user));
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    private static async Task<string> AskAsync(StreamWriter writer, StreamReader reader)
    {
        await writer.WriteLineAsync("334 ");
        return await reader.ReadLineAsync() ?? "";
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : line.Split(':', 2)[1].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
