using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DocSign.Validation.Reports;

/// <summary>
/// Writes a <see cref="VerificationReport"/> as the JSON object of the outside contract (CONTRACT.md,
/// `verify --json` and `POST /api/verify`): camelCase keys, the contract's exact enum strings. Keys beyond the
/// contract are additions only (documentTimestamps, file, type, revision...).
/// </summary>
public static class VerificationReportJson
{
    /// <summary>Writes the report to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, VerificationReport report)
    {
        writer.WriteStartObject();
        WriteMembers(writer, report, fileObject: true);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the report's members into an object the caller has opened: a batch's entry puts its own
    /// <c>"file"</c> (the path) and <c>"sha256"</c> first and leaves out the nested <c>"file"</c> object
    /// (<paramref name="fileObject"/> false), writing its size and revision count as plain members instead.
    /// </summary>
    public static void WriteMembers(Utf8JsonWriter writer, VerificationReport report, bool fileObject)
    {
        writer.WriteString("verdict", Name(report.Verdict));
        writer.WriteStartArray("signatures");
        foreach (var s in report.Signatures) WriteEntry(writer, s);
        writer.WriteEndArray();
        writer.WriteStartArray("messages");
        foreach (var m in report.Messages) writer.WriteStringValue(m);
        writer.WriteEndArray();
        writer.WriteStartArray("documentTimestamps");
        foreach (var s in report.DocumentTimestamps) WriteEntry(writer, s);
        writer.WriteEndArray();
        if (fileObject)
        {
            writer.WriteStartObject("file");
            if (report.FileName is not null) writer.WriteString("name", report.FileName);
            writer.WriteString("sha256", report.FileSha256);
            writer.WriteNumber("size", report.FileSize);
            writer.WriteNumber("revisions", report.RevisionCount);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNumber("size", report.FileSize);
            writer.WriteNumber("revisions", report.RevisionCount);
        }
        if (report.Encryption is not null) writer.WriteString("encryption", report.Encryption);
        writer.WriteString("validationTime", Time(report.ValidationTime));
    }

    /// <summary>Writes the report to a stream as UTF-8 JSON (indented when asked).</summary>
    public static void Write(Stream stream, VerificationReport report, bool indented = false)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Write(w, report);
    }

    /// <summary>
    /// The report as a <see cref="JsonElement"/>: what an ASP.NET Core endpoint can return as is (Results.Ok) and
    /// still send the contract's exact keys and enum strings, whatever the app's serializer options.
    /// </summary>
    public static JsonElement ToJsonElement(VerificationReport report)
    {
        using var ms = new MemoryStream();
        Write(ms, report);
        using var doc = JsonDocument.Parse(ms.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>The report as a JSON string.</summary>
    public static string ToJson(VerificationReport report, bool indented = false)
    {
        using var ms = new MemoryStream();
        Write(ms, report, indented);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteEntry(Utf8JsonWriter w, SignatureResult s)
    {
        w.WriteStartObject();
        w.WriteString("field", s.Field);
        w.WriteString("indication", Name(s.Indication));
        if (s.SubIndication == SubIndication.None) w.WriteNull("subIndication"); else w.WriteString("subIndication", Name(s.SubIndication));
        if (s.Level is { } l) w.WriteString("level", Name(l)); else w.WriteNull("level");
        if (s.Signer is { } signer)
        {
            w.WriteStartObject("signer");
            w.WriteString("name", signer.Name);
            w.WriteString("nip", signer.Nip);
            w.WriteString("certificate", signer.CertificateBase64);
            w.WriteString("subject", signer.Subject);
            w.WriteString("issuer", signer.Issuer);
            w.WriteString("serialNumber", signer.SerialNumber);
            w.WriteEndObject();
        }
        else w.WriteNull("signer");
        WriteTime(w, "claimedSigningTime", s.ClaimedSigningTime);
        WriteTime(w, "timestampTime", s.TimestampTime);
        w.WriteString("coverage", Name(s.Coverage));
        w.WriteString("modificationsAfter", Name(s.ModificationsAfter));
        w.WriteStartArray("messages");
        foreach (var m in s.Messages) w.WriteStringValue(m);
        w.WriteEndArray();
        w.WriteStartArray("messageKeys");
        foreach (var k in s.MessageKeys) w.WriteStringValue(ValidationMessages.Name(k));
        w.WriteEndArray();
        w.WriteString("type", s.Kind == SignatureKind.Signature ? "SIGNATURE" : "DOCUMENT_TIMESTAMP");
        w.WriteNumber("revision", s.Revision + 1);
        w.WriteString("subFilter", s.SubFilter);
        w.WriteBoolean("disallowedModification", s.DisallowedModification);
        w.WriteBoolean("chainTrusted", s.ChainTrusted);
        w.WriteString("revocationSource", s.RevocationSource);
        w.WriteString("digestAlgorithm", s.DigestAlgorithm);
        w.WriteString("signatureAlgorithm", s.SignatureAlgorithm);
        if (s.TimestampAuthority is { } tsa) w.WriteString("timestampAuthority", tsa.Subject); else w.WriteNull("timestampAuthority");
        if (s.DocMdpPermission is { } p) w.WriteNumber("docMdpPermission", p);
        if (s.ByteRange is { } br)
        {
            w.WriteStartArray("byteRange");
            foreach (var v in br) w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        w.WriteString("reason", s.Reason);
        w.WriteString("location", s.Location);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? t)
    {
        if (t is { } v) w.WriteString(name, Time(v)); else w.WriteNull(name);
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Contract string of a verdict.</summary>
    public static string Name(Verdict v) => v switch { Verdict.Valid => "VALID", Verdict.Invalid => "INVALID", _ => "INDETERMINATE" };

    /// <summary>Contract string of an indication.</summary>
    public static string Name(Indication i) => i switch { Indication.TotalPassed => "TOTAL_PASSED", Indication.TotalFailed => "TOTAL_FAILED", _ => "INDETERMINATE" };

    /// <summary>Contract string of a level.</summary>
    public static string Name(PadesLevelReached l) => l switch { PadesLevelReached.BB => "B-B", PadesLevelReached.BT => "B-T", PadesLevelReached.BLT => "B-LT", _ => "B-LTA" };

    /// <summary>Contract string of a coverage.</summary>
    public static string Name(Coverage c) => c switch { Coverage.EntireFile => "ENTIRE_FILE", Coverage.EntireRevision => "ENTIRE_REVISION", _ => "PARTIAL" };

    /// <summary>Contract string of a modification level.</summary>
    public static string Name(ModificationLevel m) => m switch
    {
        ModificationLevel.None => "NONE", ModificationLevel.LtaUpdates => "LTA_UPDATES", ModificationLevel.FormFilling => "FORM_FILLING",
        ModificationLevel.Annotations => "ANNOTATIONS", _ => "OTHER",
    };

    /// <summary>ETSI spelling of a sub-indication (HASH_FAILURE, NO_CERTIFICATE_CHAIN_FOUND...).</summary>
    public static string Name(SubIndication s)
    {
        var n = s.ToString();
        var sb = new StringBuilder();
        for (int i = 0; i < n.Length; i++)
        {
            if (i > 0 && char.IsUpper(n[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(n[i]));
        }
        return sb.ToString();
    }
}
