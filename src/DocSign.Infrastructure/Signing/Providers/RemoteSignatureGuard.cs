using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Signing;
using DocSign.Validation;

namespace DocSign.Infrastructure.Signing.Providers;

/// <summary>
/// Trusts nothing a remote signer returns until it proves itself: the returned file must start with exactly the bytes
/// DocSign sent and add incremental revision(s) holding exactly one new signature; DocSign's own verifier must find the
/// whole document VALID and that signature TOTAL_PASSED at least at the expected level; its certificate must name the
/// expected signer (NIP only compared when the certificate carries one, never taken from a CN). Anything else is a
/// <see cref="RemoteSignerException"/> and the caller stores nothing.
/// </summary>
internal sealed class RemoteSignatureGuard(X509Certificate2Collection anchors, HttpClient http, TimeProvider clock, TimeSpan onlineTimeout)
{
    public async Task<SignatureOutcome> CheckAsync(byte[] sent, byte[] returned, ExpectedSigner expected, PadesLevelReached minimum, CancellationToken ct)
    {
        if (returned.Length <= sent.Length || !returned.AsSpan(0, sent.Length).SequenceEqual(sent))
            throw Untrusted("Berkas yang dikembalikan bukan dokumen yang dikirim ditambah tanda tangan: isi aslinya berbeda.");

        VerificationReport report;
        try
        {
            report = await new PdfSignatureVerifier(http, clock).VerifyAsync(new MemoryStream(returned, writable: false),
                new VerificationOptions { TrustAnchors = anchors, HttpClient = http, OnlineTimeout = onlineTimeout, ComputeFileSha256 = false }, ct);
        }
        catch (VerificationInputException e)
        {
            throw Untrusted("Berkas yang dikembalikan tidak dapat diverifikasi: " + e.Message);
        }

        var added = report.Signatures.Where(s => s.ByteRange is not { Length: 4 } br || br[2] + br[3] > sent.Length).ToList();
        if (added.Count != 1)
            throw Untrusted($"Berkas yang dikembalikan berisi {added.Count} tanda tangan baru, padahal yang diminta tepat satu.");
        var signature = added[0];
        if (signature.Indication != Indication.TotalPassed || report.Verdict != Verdict.Valid)
            // The indication codes stay out of the signer's screen (the log and the audit trail name the failure).
            throw Untrusted("Verifikasi DocSign atas berkas yang dikembalikan tidak VALID: " + string.Join(" ", signature.Messages.Concat(report.Messages).Take(3)));
        if (signature.Level is not { } level || level < minimum)
            throw Untrusted($"Tanda tangan yang dikembalikan hanya mencapai level {Wire(signature.Level)}, bukan {Wire(minimum)}.");
        var name = signature.Signer?.Name;
        if (!SameName(name, expected.Name))
            throw Untrusted($"Sertifikat pada tanda tangan atas nama \"{name}\", bukan \"{expected.Name}\" yang terdaftar.");
        if (signature.Signer?.Nip is { } nip && expected.Nip is { } ours && nip != ours)
            throw Untrusted("NIP pada sertifikat berbeda dengan NIP yang tercatat di DocSign.");
        return new SignatureOutcome(signature.Field, level switch
        {
            PadesLevelReached.BB => SignatureLevel.BB,
            PadesLevelReached.BT => SignatureLevel.BT,
            PadesLevelReached.BLT => SignatureLevel.BLT,
            _ => SignatureLevel.BLTA,
        }, signature.TimestampTime);
    }

    /// <summary>Names compare without case, surrounding spaces or doubled spaces ("Bambang  Setiadi" = "BAMBANG SETIADI").</summary>
    internal static bool SameName(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Normal(a), Normal(b), StringComparison.OrdinalIgnoreCase);

    private static string Normal(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Wire(PadesLevelReached? l) => l switch
    {
        PadesLevelReached.BB => "B-B", PadesLevelReached.BT => "B-T", PadesLevelReached.BLT => "B-LT", PadesLevelReached.BLTA => "B-LTA", _ => "(tidak ada)",
    };

    private static RemoteSignerException Untrusted(string reason) =>
        new(SignatureFailure.Other, null, "Hasil tanda tangan dari layanan penanda tangan ditolak DocSign dan tidak disimpan. " + reason);
}
