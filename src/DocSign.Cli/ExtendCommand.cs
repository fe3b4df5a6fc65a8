using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation;

namespace DocSign.Cli;

/// <summary>
/// `docsign extend IN.pdf -o OUT.pdf --to B-LT|B-LTA [--tsa URL] [--trust CERT.pem]...` (CONTRACT.md).
/// Exit 0 extended (and verified), 3 wrong call or input that cannot be extended, 4 an online service
/// (OCSP, CRL, TSA) did not answer: try again later. OUT.pdf is written only on success.
/// </summary>
internal static class ExtendCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "PDF bertanda tangan (B-T, atau B-LT untuk diperbarui)" };
        var output = new Option<FileInfo>("-o", "--output") { Description = "PDF hasil", Required = true };
        var to = new Option<string>("--to") { Description = "level tujuan: B-LT atau B-LTA", Required = true };
        to.AcceptOnlyFromAmong("B-LT", "B-LTA");
        var tsa = new Option<string?>("--tsa") { Description = "alamat TSA (RFC 3161) untuk stempel waktu dokumen (B-LTA)" };
        var trust = new Option<FileInfo[]>("--trust") { Description = "sertifikat jangkar kepercayaan (PEM atau DER); boleh berulang" };
        var cmd = new Command("extend", "Perpanjang tanda tangan PAdES ke B-LT (DSS) atau B-LTA (plus stempel waktu dokumen).") { input, output, to, tsa, trust };
        cmd.SetAction(async (parse, ct) =>
        {
            var inFile = parse.GetValue(input)!;
            var outFile = parse.GetValue(output)!;
            if (!inFile.Exists) return Fail(3, $"berkas {inFile.FullName} tidak ada");
            if (outFile.FullName == inFile.FullName) return Fail(3, "berkas hasil (-o) harus berbeda dari berkas masukan");
            X509Certificate2Collection anchors;
            try { anchors = TrustAnchorFiles.Load(parse.GetValue(trust) ?? []); }
            catch (TrustAnchorException e) { return Fail(3, e.Message); }
            Uri? tsaUrl = null;
            if (parse.GetValue(tsa) is { } tsaText && (!Uri.TryCreate(tsaText, UriKind.Absolute, out tsaUrl) || tsaUrl.Scheme is not ("http" or "https")))
                return Fail(3, $"--tsa {tsaText} bukan alamat http(s)");
            var options = new ExtensionOptions
            {
                Target = parse.GetValue(to) == "B-LTA" ? ExtensionTarget.BLTA : ExtensionTarget.BLT,
                TsaUrl = tsaUrl,
                TrustAnchors = anchors,
            };
            var tmp = outFile.FullName + ".tmp-" + Environment.ProcessId;
            try
            {
                ExtensionResult result;
                await using (var src = inFile.OpenRead())
                await using (var dst = File.Create(tmp))
                    result = await PadesExtender.ExtendAsync(src, dst, options, ct);
                File.Move(tmp, outFile.FullName, overwrite: true);
                Console.Out.WriteLine($"Diperpanjang ke {parse.GetValue(to)}: {outFile.FullName}");
                Console.Out.WriteLine($"  DSS: {result.Certificates} sertifikat, {result.OcspResponses} respons OCSP, {result.Crls} CRL"
                    + (result.DocumentTimestampTime is { } t ? $"; stempel waktu dokumen {t:yyyy-MM-dd HH:mm:ss} UTC" : ""));
                return 0;
            }
            catch (ExtensionException e) { return Fail(e.ServiceUnavailable ? 4 : 3, e.Message); }
            catch (IOException e) { return Fail(3, "kesalahan berkas: " + e.Message); }
            catch (UnauthorizedAccessException e) { return Fail(3, "akses berkas ditolak: " + e.Message); }
            finally { if (File.Exists(tmp)) File.Delete(tmp); }
        });
        return cmd;
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("docsign extend: " + message);
        return code;
    }
}
