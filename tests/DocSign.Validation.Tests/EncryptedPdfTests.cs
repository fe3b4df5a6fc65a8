using DocSign.Signing;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>
/// Encrypted PDFs (standard security handler: RC4 40 and 128 bit, AES-128, AES-256), made with qpdf --encrypt from
/// the sample documents at test time. "Restrict editing" files (empty user password, an owner password) are signed
/// by DocSign as an incremental update under the document's own key, which pdfsig, qpdf and DocSign accept; files
/// signed by pdfsig are verified; a file that needs a user password is verified with it and refused in one
/// sentence without it.
/// </summary>
public sealed class EncryptedPdfsAreVerifiedAndSigned : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("docsign-encrypted-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string[], string> Methods() => new()
    {
        // name, qpdf key length and options, the method DocSign reports
        { "rc4-40", ["40"], "RC4 40-bit" },
        { "rc4-128", ["128", "--use-aes=n"], "RC4 128-bit" },
        { "aes-128", ["128", "--use-aes=y"], "AES-128" },
        { "aes-256", ["256"], "AES-256" },
    };

    /// <summary>qpdf --encrypt USER pemilik-rahasia BITS [options] of a sample document.</summary>
    private static byte[] Encrypt(string user, string[] bitsAndOptions) =>
        SamplePdfs.EncryptWithQpdf(SamplePdfs.MultiPageText(2), user, "pemilik-rahasia", bitsAndOptions);

    private static async Task<byte[]> SignWithDocSign(byte[] pdf, SigningParameters? parameters = null)
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await new PadesSigner().SignAsync(input, output, parameters ?? new SigningParameters(), token);
        return output.ToArray();
    }

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task An_owner_password_file_is_signed_under_its_own_key_and_pdfsig_qpdf_and_docsign_accept_it(string name, string[] bits, string method)
    {
        var encrypted = Encrypt("", bits);
        var signed = await SignWithDocSign(encrypted, new SigningParameters
        {
            Reason = "Menyetujui dokumen terenkripsi",
            Visible = new VisibleSignature { Page = 1, X = 300, Y = 60, Width = 220, Height = 80 },
        });
        signed.AsSpan(0, encrypted.Length).SequenceEqual(encrypted).ShouldBeTrue("an incremental update keeps every original byte");
        var path = Save(name + "-signed.pdf", signed);

        var (raw, sigs) = Pdfsig.Verify(path, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.ShouldHaveSingleItem().IsValid.ShouldBeTrue(raw.Output);
        sigs[0].TotalDocumentSigned.ShouldBeTrue(raw.Output);
        raw.StdOut.ShouldContain("Signature Field Name: Signature1"); // pdfsig decrypted the field's /T that DocSign encrypted
        var check = Qpdf.Check(path);
        Qpdf.IsClean(check).ShouldBeTrue(check.Output); // every stream, the new appearance included, decrypts and inflates
        // the update is encrypted: the reason is not in the file in the clear
        System.Text.Encoding.Latin1.GetString(signed, encrypted.Length, signed.Length - encrypted.Length).ShouldNotContain("Menyetujui");

        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Encryption.ShouldBe(method);
        r.Signatures[0].Reason.ShouldBe("Menyetujui dokumen terenkripsi");
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.None);

        // a second signature on top stays VALID (the decrypted comparison finds only the new signature), while a
        // change of the page content after signing is caught through the decryption
        var twice = await SignWithDocSign(signed);
        var r2 = await Signed.Verify(twice);
        r2.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r2));
        r2.Signatures.Count.ShouldBe(2);
        var changed = AttackPdfs.ContentChangedInLaterRevision(signed);
        var r3 = await Signed.Verify(changed);
        r3.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r3));
        r3.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_file_pdfsig_signed_under_encryption_is_verified(string name, string[] bits, string method)
    {
        var encrypted = Save(name + "-in.pdf", Encrypt("", bits));
        var output = Path.Combine(_dir, name + "-pdfsig.pdf");
        var (db, nick) = NssDb.WithKey(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase, SamplePki.PathOf("root-ca.pem"));
        var run = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + db, "-add-signature", "-nick", nick, "-digest", "SHA256", "-reason", "Disetujui", encrypted, output]);
        run.ExitCode.ShouldBe(0, run.ToString());
        var r = await Signed.Verify(File.ReadAllBytes(output));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Encryption.ShouldBe(method);
        r.Signatures.ShouldHaveSingleItem().Coverage.ShouldBe(Coverage.EntireFile);
        r.Signatures[0].Reason.ShouldBe("Disetujui");
    }

    [Fact]
    public async Task A_user_password_file_is_verified_with_its_password_and_refused_in_one_sentence_without()
    {
        // signed under AES-256 by pdfsig, which is given the user password
        var encrypted = Save("user-in.pdf", Encrypt("buka-dokumen", ["256"]));
        var output = Path.Combine(_dir, "user-pdfsig.pdf");
        var (db, nick) = NssDb.WithKey(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase, SamplePki.PathOf("root-ca.pem"));
        var run = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + db, "-upw", "buka-dokumen", "-add-signature", "-nick", nick, "-digest", "SHA256", encrypted, output]);
        run.ExitCode.ShouldBe(0, run.ToString());
        var bytes = File.ReadAllBytes(output);

        var none = await Should.ThrowAsync<VerificationInputException>(() => Signed.Verify(bytes));
        none.Message.ShouldBe("PDF ini terenkripsi dengan kata sandi pembuka dokumen; sertakan kata sandi itu untuk memverifikasinya (isian 'password' pada unggahan, --password pada docsign verify).");
        var wrong = await Should.ThrowAsync<VerificationInputException>(() => Signed.Verify(bytes, WithPassword("salah")));
        wrong.Message.ShouldContain("kata sandi yang diberikan salah");
        var r = await Signed.Verify(bytes, WithPassword("buka-dokumen"));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        var owner = await Signed.Verify(bytes, WithPassword("pemilik-rahasia")); // the owner password opens it too
        owner.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(owner));

        // the CLI: --password, and the refusal as exit 3 with the sentence
        var cli = DocSignCli.Run(["verify", output, "--trust", SamplePki.PathOf("root-ca.pem"), "--password", "buka-dokumen", "--json"], TimeSpan.FromMinutes(2));
        cli.ExitCode.ShouldBe(0, cli.ToString());
        cli.StdOut.ShouldContain("\"encryption\": \"AES-256\"");
        var refused = DocSignCli.Run(["verify", output, "--offline"], TimeSpan.FromMinutes(2));
        refused.ExitCode.ShouldBe(3, refused.ToString());
        refused.StdErr.ShouldContain("sertakan kata sandi itu");
        refused.Output.ShouldNotContain("buka-dokumen");

        // and signing it without the password is refused, nothing written
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        using var input = new MemoryStream(File.ReadAllBytes(encrypted));
        using var signedOut = new MemoryStream();
        var e = await Should.ThrowAsync<SigningException>(() => new PadesSigner().SignAsync(input, signedOut, new SigningParameters(), token));
        e.Code.ShouldBe(SigningErrorCode.EncryptedPdf);
        e.Message.ShouldContain("kata sandi pembuka dokumen");
    }

    private static VerificationOptions WithPassword(string password)
    {
        var o = Signed.Options();
        return new VerificationOptions
        {
            TrustAnchors = o.TrustAnchors, AllowOnlineRevocation = o.AllowOnlineRevocation, TimeLimit = o.TimeLimit,
            OnlineTimeout = o.OnlineTimeout, Password = password,
        };
    }
}
