using System.Text.RegularExpressions;

namespace DocSign.Testing.Oracles;

/// <summary>One signature as poppler's pdfsig reports it.</summary>
public sealed record PdfsigSignature(
    int Index, string? SignerName, string? SignatureType, string? SignatureValidation,
    string? CertificateValidation, bool TotalDocumentSigned, string? SigningTime)
{
    /// <summary>pdfsig's "Signature is Valid.".</summary>
    public bool IsValid => SignatureValidation == "Signature is Valid.";
}

/// <summary>poppler's pdfsig as an independent validator of DocSign's signatures.</summary>
public static partial class Pdfsig
{
    /// <summary>
    /// Runs pdfsig on <paramref name="pdfPath"/>. With <paramref name="nssDir"/> (see <see cref="NssDb"/>)
    /// the sample root is trusted and pdfsig can report "Certificate is Trusted.".
    /// </summary>
    public static (ToolResult Raw, IReadOnlyList<PdfsigSignature> Signatures) Verify(string pdfPath, string? nssDir = null)
    {
        var args = new List<string>();
        if (nssDir is not null) { args.Add("-nssdir"); args.Add("sql:" + nssDir); }
        args.Add(pdfPath);
        var r = ExternalTool.Run("pdfsig", args);
        return (r, Parse(r.StdOut));
    }

    /// <summary>Parses pdfsig's text report.</summary>
    public static IReadOnlyList<PdfsigSignature> Parse(string output)
    {
        var result = new List<PdfsigSignature>();
        var headers = SignatureHeader().Matches(output);
        for (int i = 0; i < headers.Count; i++)
        {
            int start = headers[i].Index + headers[i].Length;
            int end = i + 1 < headers.Count ? headers[i + 1].Index : output.Length;
            string b = output[start..end];
            string? Field(string label)
            {
                var m = Regex.Match(b, @"^\s*- " + Regex.Escape(label) + @": (.*)$", RegexOptions.Multiline);
                return m.Success ? m.Groups[1].Value.Trim() : null;
            }
            result.Add(new PdfsigSignature(
                int.Parse(headers[i].Groups[1].Value),
                Field("Signer Certificate Common Name"),
                Field("Signature Type"),
                Field("Signature Validation"),
                Field("Certificate Validation"),
                b.Contains("Total document signed", StringComparison.Ordinal) && !b.Contains("not total document signed", StringComparison.OrdinalIgnoreCase),
                Field("Signing Time")));
        }
        return result;
    }

    [GeneratedRegex(@"^Signature #(\d+):\s*$", RegexOptions.Multiline)]
    private static partial Regex SignatureHeader();
}
