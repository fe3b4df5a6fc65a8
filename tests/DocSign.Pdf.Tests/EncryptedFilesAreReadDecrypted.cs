using System.Text;
using DocSign.Testing.Oracles;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

/// <summary>
/// The standard security handler against qpdf's: a sample document encrypted by qpdf --encrypt (RC4 40/128, AES-128,
/// AES-256; empty user password or a given one, and the owner's) reads back with the same page contents and strings as
/// the plain file, and an update written on top is encrypted so that qpdf reads it again.
/// </summary>
public sealed class EncryptedFilesAreReadDecrypted : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("docsign-pdf-enc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Encrypt(byte[] plain, string user, params string[] bits) => SamplePdfs.EncryptWithQpdf(plain, user, "pemilik", bits);

    private static string PageText(PdfFile f, int page)
    {
        var contents = f.Resolve(f.GetPages()[page].Dictionary["Contents"]);
        var streams = contents is PdfArray a ? a.Select(f.Resolve).OfType<PdfStream>() : [(PdfStream)contents];
        return string.Concat(streams.Select(s => Encoding.Latin1.GetString(f.ReadDecodedStreamData(s))));
    }

    [Theory]
    [InlineData("RC4 40-bit", new[] { "40" })]
    [InlineData("RC4 128-bit", new[] { "128", "--use-aes=n" })]
    [InlineData("AES-128", new[] { "128", "--use-aes=y" })]
    [InlineData("AES-256", new[] { "256" })]
    public void Every_method_reads_as_the_plain_file_with_the_empty_user_password(string method, string[] bits)
    {
        var plain = SamplePdfs.MultiPageText(2);
        using var p = PdfFile.Open(plain);
        using var e = PdfFile.Open(Encrypt(plain, "", bits));
        e.IsEncrypted.ShouldBeTrue();
        e.EncryptionProblem.ShouldBeNull();
        e.Security!.MethodName.ShouldBe(method);
        e.Security.OpenedWithOwnerPassword.ShouldBeFalse();
        e.GetPages().Count.ShouldBe(p.GetPages().Count);
        for (int i = 0; i < p.GetPages().Count; i++) PageText(e, i).ShouldBe(PageText(p, i));
    }

    [Fact]
    public void A_user_password_is_needed_and_either_password_opens_the_file()
    {
        var plain = SamplePdfs.MultiPageText(1);
        var bytes = Encrypt(plain, "pengguna", "256");
        using (var none = PdfFile.Open(bytes))
        {
            none.Security.ShouldBeNull();
            none.EncryptionProblem!.ErrorKind.ShouldBe(PdfErrorKind.PasswordRequired);
            Should.Throw<PdfException>(() => new PdfIncrementalWriter(none)).ErrorKind.ShouldBe(PdfErrorKind.PasswordRequired);
        }
        using (var wrong = PdfFile.Open(bytes, password: "salah")) wrong.EncryptionProblem!.ErrorKind.ShouldBe(PdfErrorKind.PasswordRequired);
        using var p = PdfFile.Open(plain);
        using (var user = PdfFile.Open(bytes, password: "pengguna")) PageText(user, 0).ShouldBe(PageText(p, 0));
        using (var owner = PdfFile.Open(bytes, password: "pemilik"))
        {
            owner.Security!.OpenedWithOwnerPassword.ShouldBeTrue();
            PageText(owner, 0).ShouldBe(PageText(p, 0));
        }
        // the older revisions' owner-password algorithm (RC4, R3) too
        var rc4 = Encrypt(plain, "pengguna", "128", "--use-aes=n");
        using (var owner = PdfFile.Open(rc4, password: "pemilik")) PageText(owner, 0).ShouldBe(PageText(p, 0));
    }

    [Theory]
    [InlineData("40")]
    [InlineData("128 --use-aes=y")]
    [InlineData("256")]
    public void An_update_is_encrypted_with_the_documents_key_and_qpdf_reads_it(string bits)
    {
        var encrypted = Encrypt(SamplePdfs.MultiPageText(1), "", bits.Split(' '));
        using var f = PdfFile.Open(encrypted);
        var w = new PdfIncrementalWriter(f);
        var info = w.Add(new PdfDictionary().Set("Title", PdfString.FromText("Laporan rahasia kecamatan")));
        var note = w.AddStream(new PdfDictionary(), "BT /F1 12 Tf (catatan terenkripsi) Tj ET"u8);
        w.SetTrailerEntry("Info", info);
        var output = new MemoryStream();
        w.WriteTo(output);
        var bytes = output.ToArray();
        Encoding.Latin1.GetString(bytes, encrypted.Length, bytes.Length - encrypted.Length).ShouldNotContain("rahasia");
        Qpdf.IsClean(Qpdf.Check(bytes)).ShouldBeTrue(Qpdf.Check(bytes).Output);

        using var again = PdfFile.Open(bytes);
        ((PdfString)((PdfDictionary)again.Resolve(again.Trailer["Info"]))["Title"]!).ToText().ShouldBe("Laporan rahasia kecamatan");
        Encoding.ASCII.GetString(again.ReadDecodedStreamData((PdfStream)again.Resolve(note))).ShouldBe("BT /F1 12 Tf (catatan terenkripsi) Tj ET");
        // qpdf decrypts the new string with the document's key as DocSign does
        var path = Path.Combine(_dir, "updated.pdf");
        File.WriteAllBytes(path, bytes);
        var shown = ExternalTool.Run("qpdf", ["--show-object=" + info.ObjectNumber, path]);
        shown.ExitCode.ShouldBe(0, shown.ToString());
        shown.StdOut.ShouldContain("Laporan rahasia kecamatan");
    }
}
