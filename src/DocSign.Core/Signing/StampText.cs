using System.Security.Cryptography;
using DocSign.Core.Text;

namespace DocSign.Core.Signing;

/// <summary>What the visible stamp says, in the form Tata Naskah Dinas uses, and the public id its QR code carries.</summary>
public static class StampText
{
    /// <summary>"19740315 200112 1 003 (the fictional sample Camat of Kanigaran)": the 18-digit NIP in its usual 8-6-1-3 grouping (other text as given).</summary>
    public static string FormatNip(string nip) => IndonesianText.Nip(nip);

    /// <summary>"30 November 2026": the date in Western Indonesian Time, month in Bahasa Indonesia.</summary>
    public static string FormatDate(DateTimeOffset t) => IndonesianText.Date(t);

    public static string FormatDate(DateOnly d) => IndonesianText.Date(d);

    /// <summary>The calendar day in Western Indonesian Time (what a decree's period is counted in).</summary>
    public static DateOnly DayOf(DateTimeOffset t) => IndonesianText.DayInWib(t);

    /// <summary>The head's post for an office: "Camat Kanigaran" from "Kecamatan Kanigaran".</summary>
    public static string HeadOf(string officeName)
    {
        var place = officeName.StartsWith("Kecamatan ", StringComparison.OrdinalIgnoreCase) ? officeName["Kecamatan ".Length..] : officeName;
        return "Camat " + place.Trim();
    }

    /// <summary>
    /// The jabatan as the stamp shows it: "Camat Kanigaran", "Plt. Camat Kanigaran", "Plh. Camat Kanigaran", or
    /// for a.n. "a.n. Camat Kanigaran" over the signer's own post.
    /// </summary>
    public static IReadOnlyList<string> JabatanLines(SignerEnrolment e, string officeName, SignatureKind kind, StandIns.ActingAssignment? standIn = null)
    {
        if (kind == SignatureKind.Paraf) return [e.Jabatan];
        // A Plh./Plt. recorded by the admin signs as "Plh. Camat ..." whatever his own key's enrolment says.
        if (standIn is not null) return [$"{standIn.Prefix} {HeadOf(officeName)}"];
        var head = HeadOf(officeName);
        return e.Authority switch
        {
            SigningAuthorityKind.Plt or SigningAuthorityKind.Plh => [$"{e.Authority.Prefix()} {e.Jabatan}"],
            SigningAuthorityKind.AtasNama => [$"a.n. {head}", e.Jabatan],
            _ => [e.Jabatan],
        };
    }

    /// <summary>The stamp's text block, top to bottom.</summary>
    public static IReadOnlyList<StampLine> Lines(SignerEnrolment e, string officeName, SignatureKind kind, DateTimeOffset signedAt,
        StandIns.ActingAssignment? standIn = null)
    {
        var lines = new List<StampLine>
        {
            new(kind == SignatureKind.Paraf ? "Diparaf secara elektronik oleh" : "Ditandatangani secara elektronik oleh"),
        };
        lines.AddRange(JabatanLines(e, officeName, kind, standIn).Select(j => new StampLine(j)));
        lines.Add(new StampLine(e.SignerName, Bold: true));
        if (e.Nip is { } nip) lines.Add(new StampLine("NIP. " + FormatNip(nip)));
        lines.Add(new StampLine(FormatDate(signedAt)));
        return lines;
    }

    /// <summary>
    /// The footer names whoever actually issued the certificate; the BSrE wording is used only for a certificate
    /// whose issuer is BSrE, never claimed for another.
    /// </summary>
    public static string Footer(SignerEnrolment e) => Footer(e.IssuerName, e.CertificateIssuer);

    /// <summary>The footer for a certificate issued by <paramref name="issuerName"/> (distinguished name <paramref name="issuerDistinguishedName"/>).</summary>
    public static string Footer(string issuerName, string issuerDistinguishedName)
    {
        return IsBsre(issuerName, issuerDistinguishedName)
            ? "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE, BSSN"
            : $"Dokumen ini ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh {issuerName}";
    }

    /// <summary>
    /// Whether the issuer is BSrE itself: named so (BSrE / Balai Sertifikasi Elektronik) and not a sample or emulator
    /// that merely mentions it (sample PKI names say CONTOH / SAMPLE, and the demo emulator says "bukan BSrE").
    /// </summary>
    public static bool IsBsre(string issuerName, string issuerDistinguishedName)
    {
        var named = issuerName.Contains("BSrE", StringComparison.OrdinalIgnoreCase)
                    || issuerDistinguishedName.Contains("Balai Sertifikasi Elektronik", StringComparison.OrdinalIgnoreCase);
        string[] notReal = ["CONTOH", "SAMPLE", "bukan BSrE", "emulator"];
        return named && !notReal.Any(w => issuerName.Contains(w, StringComparison.OrdinalIgnoreCase) || issuerDistinguishedName.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The public verification page of a letter DocSign issued (what the letter's QR code encodes).</summary>
    public static Uri LetterUrl(string publicBaseUrl, Guid letterId) => new($"{publicBaseUrl.TrimEnd('/')}/v/surat/{letterId:N}");

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new public id: 130 random bits as 26 lower-case base32 characters (unguessable, URL- and print-safe).</summary>
    public static string NewPublicId()
    {
        var bytes = RandomNumberGenerator.GetBytes(17);
        var chars = new char[26];
        for (var i = 0; i < 26; i++)
        {
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8 | (bit / 8 + 1 < bytes.Length ? bytes[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            chars[i] = Base32[value];
        }
        return new string(chars);
    }

    /// <summary>Whether <paramref name="text"/> has the shape of a public id (checked before any lookup).</summary>
    public static bool IsPublicId(string? text) => text is { Length: 26 } && text.All(c => Base32.Contains(c));

    public static Uri PublicUrl(string publicBaseUrl, string publicId) => new($"{publicBaseUrl.TrimEnd('/')}/v/{publicId}");
}
