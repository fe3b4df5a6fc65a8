using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using DocSign.Validation;

namespace DocSign.Cli;

/// <summary>
/// <c>docsign sign</c> (see shared CONTRACT.md). Exit status: 0 signed; 1 refused (wrong passphrase,
/// certificate cannot sign or revoked, unreadable or encrypted PDF, rectangle off the page, field taken, B-LT data
/// not obtainable for the chain); 2 an online service failed (TSA, OCSP, CRL: try again later); 3 the
/// call was wrong. On any failure no output file is left behind. B-LT/B-LTA = B-T, then the extension
/// step of `docsign extend`, trusting the root(s) carried in the PKCS#12 file and every <c>--trust</c>
/// certificate (the root of a TSA, or of the signer, from another PKI), whose chains' validation data is
/// collected alike.
/// </summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN.pdf") { Description = "PDF yang akan ditandatangani" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "PDF hasil tanda tangan", Required = true };
        var p12 = new Option<FileInfo>("--p12") { Description = "Berkas kunci PKCS#12 penanda tangan", Required = true };
        var passEnv = new Option<string>("--passphrase-env") { Description = "Nama variabel lingkungan yang berisi passphrase PKCS#12", Required = true };
        var level = new Option<string>("--level") { Description = "B-B (bawaan), B-T, B-LT atau B-LTA", DefaultValueFactory = _ => "B-B" };
        level.AcceptOnlyFromAmong("B-B", "B-T", "B-LT", "B-LTA");
        var tsa = new Option<string>("--tsa") { Description = "Alamat TSA RFC 3161 (wajib untuk B-T)" };
        var field = new Option<string>("--field") { Description = "Nama field tanda tangan (bawaan: Signature1, Signature2, ...)" };
        var visible = new Option<string>("--visible") { Description = "Tanda tangan tampak: HALAMAN:X,Y,LEBAR,TINGGI dalam poin PDF dari kiri bawah" };
        var reason = new Option<string>("--reason") { Description = "Alasan penandatanganan" };
        var location = new Option<string>("--location") { Description = "Tempat penandatanganan" };
        var verifyUrl = new Option<string>("--verify-url") { Description = "Alamat verifikasi dokumen untuk kode QR (tanda tangan tampak)" };
        var pss = new Option<bool>("--pss") { Description = "Tanda tangan RSASSA-PSS (MGF1, salt sepanjang hash) alih-alih PKCS#1 v1.5; hanya kunci RSA" };
        var certify = new Option<int?>("--certify") { Description = "Sertifikasi dokumen (DocMDP): 1 tanpa perubahan, 2 pengisian formulir dan tanda tangan, 3 juga anotasi; hanya tanda tangan pertama" };
        var trust = new Option<FileInfo[]>("--trust")
        {
            Description = "sertifikat jangkar kepercayaan tambahan (PEM atau DER) untuk data validasi B-LT/B-LTA, mis. akar TSA dari PKI lain; boleh berulang",
        };

        var offline = new Option<bool>("--offline")
        {
            Description = "jangan menanyakan status pencabutan sertifikat penanda tangan (OCSP/CRL) sebelum menandatangani (hanya B-B)",
        };

        var cmd = new Command("sign", "Menandatangani PDF (PAdES, ETSI.CAdES.detached) sebagai pembaruan inkremental.")
        {
            input, output, p12, passEnv, level, tsa, field, visible, reason, location, verifyUrl, trust, pss, certify, offline,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            string? passphrase = Environment.GetEnvironmentVariable(parse.GetValue(passEnv)!);
            if (string.IsNullOrEmpty(passphrase))
                return Fail(3, $"Variabel lingkungan {parse.GetValue(passEnv)} kosong atau tidak ada; isi dengan passphrase PKCS#12.");
            var lvl = parse.GetValue(level) switch { "B-T" => PadesLevel.BT, "B-LT" => PadesLevel.BLT, "B-LTA" => PadesLevel.BLTA, _ => PadesLevel.BB };
            Uri? tsaUrl = null;
            if (parse.GetValue(tsa) is { } tsaText && !TryHttpUrl(tsaText, out tsaUrl))
                return Fail(3, $"--tsa bukan alamat http(s) yang sah: {tsaText}");
            Uri? qrUrl = null;
            if (parse.GetValue(verifyUrl) is { } qrText && !TryHttpUrl(qrText, out qrUrl))
                return Fail(3, $"--verify-url bukan alamat http(s) yang sah: {qrText}");
            if (parse.GetValue(certify) is { } cp && cp is < 1 or > 3) return Fail(3, $"--certify harus 1, 2 atau 3 (bukan {cp}).");
            if (lvl != PadesLevel.BB && tsaUrl is null) return Fail(3, $"Level {parse.GetValue(level)} memerlukan --tsa URL.");
            if (lvl != PadesLevel.BB && parse.GetValue(offline)) return Fail(3, $"--offline hanya untuk B-B: level {parse.GetValue(level)} memerlukan TSA daring.");
            var inFile = parse.GetValue(input)!;
            var outFile = parse.GetValue(output)!;
            if (!inFile.Exists) return Fail(3, $"Berkas masukan tidak ada: {inFile.FullName}");
            if (!parse.GetValue(p12)!.Exists) return Fail(3, $"Berkas PKCS#12 tidak ada: {parse.GetValue(p12)!.FullName}");
            X509Certificate2Collection extraAnchors;
            try { extraAnchors = TrustAnchorFiles.Load(parse.GetValue(trust) ?? []); }
            catch (TrustAnchorException e) { return Fail(3, e.Message); }

            try
            {
                VisibleSignature? vis = null;
                if (parse.GetValue(visible) is { } spec)
                {
                    vis = VisibleSignature.Parse(spec) with { VerificationUrl = qrUrl ?? DefaultVerifyUrl(inFile) };
                }
                var parameters = new SigningParameters
                {
                    FieldName = parse.GetValue(field),
                    // B-LT and B-LTA start as B-T; the validation data (and document time-stamp) follow below.
                    Level = lvl == PadesLevel.BB ? PadesLevel.BB : PadesLevel.BT,
                    TsaUrl = tsaUrl,
                    Reason = parse.GetValue(reason),
                    Location = parse.GetValue(location),
                    Visible = vis,
                    RsaPss = parse.GetValue(pss),
                    CertificationPermission = parse.GetValue(certify),
                };
                // Opens the key while the document is copied and hashed (start-up time of a signing run).
                string p12Path = parse.GetValue(p12)!.FullName;
                using var token = TakeEarlyToken(p12Path, parse.GetValue(passEnv)!, passphrase)
                    ?? new DeferredSigningToken(() => Pkcs12SigningToken.Open(p12Path, passphrase));
                var statusCheck = StatusCheck(parse.GetValue(offline), extraAnchors);
                var result = lvl is PadesLevel.BLT or PadesLevel.BLTA
                    ? await SignAndExtendAsync(inFile.FullName, outFile.FullName, parameters, token, lvl, tsaUrl!, extraAnchors, statusCheck, ct)
                    : await new PadesSigner(statusCheck: statusCheck).SignFileAsync(inFile.FullName, outFile.FullName, parameters, token, ct);
                Console.WriteLine($"Ditandatangani: {outFile.FullName} (field {result.FieldName}, {LevelName(lvl)}, CMS {result.Cms.Length} byte"
                    + (result.TimestampTime is { } t ? $", stempel waktu {t:yyyy-MM-dd HH:mm:ss} UTC)" : ")"));
                return 0;
            }
            catch (SigningException e)
            {
                return Fail(e.Code == SigningErrorCode.TimestampFailed ? 2 : 1, e.Message);
            }
            catch (ExtensionException e)
            {
                return Fail(e.ServiceUnavailable ? 2 : 1, "data validasi (B-LT) tidak dapat ditambahkan, tidak ada berkas yang ditulis: " + e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(3, "kesalahan berkas: " + e.Message);
            }
        });
        return cmd;
    }

    private static (string Path, string EnvName, string Passphrase, DeferredSigningToken Token)? _early;

    /// <summary>
    /// Starts opening the PKCS#12 key before the command line is parsed: opening it (OpenSSL start-up, key
    /// derivation, import) is the longest step of a signing run besides copying the document, and parsing
    /// takes milliseconds of its own. Only for a plain <c>--p12 FILE</c> / <c>--passphrase-env NAME</c>
    /// spelling, each given once; anything else (or a missing file or passphrase) leaves the opening to
    /// the action. The action uses this token only when the parsed values name the same file and variable,
    /// and a failure (a wrong passphrase) surfaces there, at first use, as before.
    /// </summary>
    public static void StartKeyEarly(string[] args)
    {
        string? file = null, env = null;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--":
                    return;
                case "--p12" when i + 1 < args.Length:
                    if (file is not null) return;
                    file = args[++i];
                    break;
                case "--passphrase-env" when i + 1 < args.Length:
                    if (env is not null) return;
                    env = args[++i];
                    break;
            }
        }
        if (file is null || env is null || file.StartsWith('-') || env.StartsWith('-')) return;
        string? passphrase = Environment.GetEnvironmentVariable(env);
        if (string.IsNullOrEmpty(passphrase)) return;
        string full;
        try { full = Path.GetFullPath(file); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return; }
        if (!File.Exists(full)) return;
        _early = (full, env, passphrase, new DeferredSigningToken(() => Pkcs12SigningToken.Open(full, passphrase)));
    }

    private static DeferredSigningToken? TakeEarlyToken(string p12Path, string envName, string passphrase)
    {
        if (_early is not { } e) return null;
        _early = null;
        if (e.Path == p12Path && e.EnvName == envName && e.Passphrase == passphrase) return e.Token;
        e.Token.Dispose();
        return null;
    }

    /// <summary>
    /// The signer's own revocation, asked before any signature value exists, as the service does: the OCSP responder
    /// (or CRL) that the certificate names, reached through the roots the PKCS#12 file carries and every
    /// <c>--trust</c> anchor. A revoked certificate is refused with when and why; a status nobody can give (no
    /// network) lets the signature be made and leaves the judgement to the verifier. <c>--offline</c> skips it.
    /// </summary>
    private static SignerRevocationCheck? StatusCheck(bool offline, X509Certificate2Collection extraAnchors) =>
        offline ? null : new SignerRevocationCheck(extraAnchors) { TrustRootsInChain = true };

    /// <summary>
    /// B-LT / B-LTA in one call: a B-T signature into a temporary file, then the validation data (and for
    /// B-LTA a document time-stamp) via <see cref="PadesExtender"/>, trusting the roots the PKCS#12 file carries
    /// and <paramref name="extraAnchors"/> (--trust).
    /// </summary>
    private static async Task<SigningResult> SignAndExtendAsync(string inPath, string outPath, SigningParameters parameters,
        ISigningToken token, PadesLevel level, Uri tsaUrl, X509Certificate2Collection extraAnchors, SignerRevocationCheck? statusCheck, CancellationToken ct)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        string bt = Path.Combine(dir, "." + Path.GetFileName(outPath) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)) + ".bt.tmp");
        string tmp = bt + ".ext";
        try
        {
            var result = await new PadesSigner(statusCheck: statusCheck).SignFileAsync(inPath, bt, parameters, token, ct);
            var anchors = new X509Certificate2Collection();
            foreach (var c in token.Chain.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))) anchors.Add(c);
            anchors.AddRange(extraAnchors);
            if (anchors.Count == 0)
                throw new ExtensionException("berkas PKCS#12 tidak memuat sertifikat akar; sebutkan akarnya dengan --trust AKAR.pem");
            await using (var src = File.OpenRead(bt))
            await using (var dst = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite))
                await PadesExtender.ExtendAsync(src, dst, new ExtensionOptions
                {
                    Target = level == PadesLevel.BLTA ? ExtensionTarget.BLTA : ExtensionTarget.BLT,
                    TsaUrl = tsaUrl,
                    TrustAnchors = anchors,
                }, ct);
            File.Move(tmp, outPath, overwrite: true);
            return result;
        }
        finally
        {
            foreach (var f in new[] { bt, tmp }) try { File.Delete(f); } catch (IOException) { }
        }
    }

    /// <summary>The QR code's default: the DocSign verification page, naming the unsigned input by its SHA-256.</summary>
    private static Uri DefaultVerifyUrl(FileInfo input)
    {
        string baseUrl = Environment.GetEnvironmentVariable("DOCSIGN_PUBLIC_URL")
            ?? $"http://127.0.0.1:{Environment.GetEnvironmentVariable("DOCSIGN_PORT") ?? "5080"}";
        using var s = input.OpenRead();
        string sha = Convert.ToHexString(SHA256.HashData(s)).ToLowerInvariant();
        return new Uri($"{baseUrl.TrimEnd('/')}/verifikasi?sha256={sha}");
    }

    private static bool TryHttpUrl(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static string LevelName(PadesLevel l) => l switch
    {
        PadesLevel.BT => "PAdES B-T",
        PadesLevel.BLT => "PAdES B-LT",
        PadesLevel.BLTA => "PAdES B-LTA",
        _ => "PAdES B-B",
    };

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("docsign sign: " + message);
        return code;
    }
}
