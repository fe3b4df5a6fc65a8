namespace DocSign.Infrastructure.Signing;

/// <summary>
/// Retries a TSA/OCSP/CRL request whose connection failed (refused, reset before an answer), twice, after a short
/// pause: a small responder's listen queue overflowing under a burst of signatures is not an outage. An answer,
/// even a bad one, is never retried, and a time-out is not either (the caller's deadline stands).
/// </summary>
internal sealed class RetryConnectHandler : DelegatingHandler
{
    private const int Attempts = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var message = attempt == 1 ? request : Clone(request, body);
            try
            {
                return await base.SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150 * attempt + Random.Shared.Next(100)), cancellationToken);
            }
        }
    }

    private static HttpRequestMessage Clone(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var h in original.Headers) copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var h in original.Content!.Headers) copy.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }
        return copy;
    }
}
