using DocSign.Core.Letters;
using DocSign.Core.Problems;
using DocSign.Core.Signing;

namespace DocSign.Core.Tests.Letters;

/// <summary>
/// The letter data of issue 21 without a host: the sender block from a record (definitif, Plt., Plh., a.n., u.b.,
/// with decree and period), which record signs on a day, the true footer, the shipped classification list, and the
/// old single sifat field mapped onto sifat and urgency.
/// </summary>
public sealed class LetterDataTests
{
    private static readonly DateOnly May20 = new(2026, 5, 20);

    [Fact]
    public void The_sender_block_is_written_from_the_kind_of_mandate()
    {
        new LetterSender(LetterSenderKind.Definitif, "Camat Candipuro", "Camat Candipuro", "Contoh Nama", "197610222002122004")
            .TitleLines().ShouldBe(["CAMAT CANDIPURO"]);
        var plt = new LetterSender(LetterSenderKind.Plt, "Camat Candipuro", "Camat Candipuro", "Contoh Plt", null, "800/12/427.83/2026", new(2026, 3, 1), new(2026, 8, 31));
        plt.TitleLines().ShouldBe(["Plt. CAMAT CANDIPURO"]);
        plt.MandateLine().ShouldBe("Berdasarkan Keputusan Nomor 800/12/427.83/2026, 1 Maret 2026 s.d. 31 Agustus 2026");
        new LetterSender(LetterSenderKind.Plh, "Camat Candipuro", "Camat Candipuro", "Contoh Plh", null).TitleLines().ShouldBe(["Plh. CAMAT CANDIPURO"]);
        new LetterSender(LetterSenderKind.AtasNama, "Camat Kanigaran", "Sekretaris Kecamatan", "Contoh Sekcam", null)
            .TitleLines().ShouldBe(["a.n. CAMAT KANIGARAN", "SEKRETARIS KECAMATAN"]);
        new LetterSender(LetterSenderKind.UntukBeliau, "Camat Kanigaran", "Kepala Subbagian Umum", "Contoh Kasubag", null, OnBehalfJabatan: "Sekretaris Kecamatan")
            .TitleLines().ShouldBe(["a.n. CAMAT KANIGARAN", "SEKRETARIS KECAMATAN", "u.b.", "KEPALA SUBBAGIAN UMUM"]);
        new LetterSender(LetterSenderKind.Definitif, "Camat Candipuro", "Camat Candipuro", "x", null, "ignored").MandateLine().ShouldBeNull();
    }

    [Fact]
    public void A_plh_in_his_period_signs_for_the_head_otherwise_the_head_and_a_lapsed_mandate_never()
    {
        var head = new LetterSender(LetterSenderKind.Definitif, "Camat X", "Camat X", "Kepala", null);
        var plh = new LetterSender(LetterSenderKind.Plh, "Camat X", "Camat X", "Pengganti", null, "1/2026", new(2026, 5, 18), new(2026, 5, 22));
        var an = new LetterSender(LetterSenderKind.AtasNama, "Camat X", "Sekretaris Kecamatan", "Sekcam", null, "2/2026", new(2026, 1, 1), new(2026, 12, 31));
        LetterSender.Choose([head, plh, an], May20).ShouldBe(plh);
        LetterSender.Choose([head, plh, an], new(2026, 5, 23)).ShouldBe(head);
        LetterSender.Choose([an], May20).ShouldBe(an);
        LetterSender.Choose([plh], new(2026, 6, 1)).ShouldBeNull();
        LetterSender.Choose([], May20).ShouldBeNull();
    }

    [Fact]
    public void The_footer_names_bsre_only_for_bsre_and_never_for_a_sample_or_the_emulator()
    {
        StampText.Footer("BSrE, BSSN", "BSrE, BSSN").ShouldContain("diterbitkan oleh BSrE, BSSN");
        StampText.Footer("BSRE CA DS G1", "CN=BSRE CA DS G1, O=Balai Sertifikasi Elektronik, C=ID").ShouldContain("BSrE, BSSN");
        StampText.Footer(SignerEnrolment.BsreEmulatorIssuer, SignerEnrolment.BsreEmulatorIssuer).ShouldNotContain("BSrE, BSSN");
        StampText.Footer("DocSign Sample Signing CA", "CN=DocSign Sample Signing CA, O=DocSign Sample PKI (fiktif), C=ID")
            .ShouldBe("Dokumen ini ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh DocSign Sample Signing CA");
    }

    [Fact]
    public void The_shipped_classification_list_holds_the_main_classes_and_the_codes_the_sops_need()
    {
        var all = ClassificationList.All;
        all.Count.ShouldBeGreaterThan(80);
        all.ShouldAllBe(c => Letter.IsClassification(c.Code) && c.Title.Length > 0 && !c.Local);
        foreach (var main in new[] { "000", "100", "200", "300", "400", "500", "600", "700", "800", "900" })
            ClassificationList.Find(main).ShouldNotBeNull(main);
        ClassificationList.Find("000.8.3.3")!.Title.ShouldBe("Standar Operasional Prosedur");
        ClassificationList.Find("000.8.6.3")!.Title.ShouldBe("Akuntabilitas Kinerja Instansi Pemerintah");
        ClassificationList.Find("065").ShouldBeNull("065 is the pre-2022 scheme");
        ClassificationList.Find("050").ShouldBeNull();
        // Every code sits under one of the ten main classes.
        foreach (var c in all) ClassificationList.Find(c.Code[..3]).ShouldNotBeNull(c.Code);
    }

    [Theory]
    [InlineData(null, null, "Biasa", "Biasa")]
    [InlineData("Rahasia", "Segera", "Rahasia", "Segera")]
    [InlineData("sangat rahasia", null, "Sangat Rahasia", "Biasa")]
    [InlineData("Segera", null, "Biasa", "Segera")]
    [InlineData("Sangat Segera", "Sangat Segera", "Biasa", "Sangat Segera")]
    [InlineData("Penting", null, "Biasa", "Segera")]
    public void The_old_single_sifat_maps_onto_sifat_and_urgency(string? sifat, string? urgency, string expectedSifat, string expectedUrgency) =>
        LetterWords.SifatAndUrgency(sifat, urgency).ShouldBe((expectedSifat, expectedUrgency));

    [Theory]
    [InlineData("Kilat", null)]
    [InlineData(null, "Rahasia")]
    [InlineData("Segera", "Biasa")]
    public void Other_words_are_refused(string? sifat, string? urgency) =>
        Should.Throw<DocSignProblem>(() => LetterWords.SifatAndUrgency(sifat, urgency)).Kind.ShouldBe(ProblemKind.Invalid);

    [Fact]
    public void An_emblem_is_recognised_by_its_own_header()
    {
        UploadLetterEmblemHandler.Inspect("not an image"u8).ShouldBeNull();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x70, 0x00, 0x60, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xD9];
        UploadLetterEmblemHandler.Inspect(jpeg).ShouldBe(("image/jpeg", "jpg", 0x60, 0x70));
    }
}
