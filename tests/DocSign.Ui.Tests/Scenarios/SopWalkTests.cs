using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// Each of the four seed SOPs walked in the browser from the first step to the signed document, by the users who
/// hold each step (and for Pronojiwo through the Inspektorat's review), with screenshots of the key screens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SopWalkTests(DocSignServer server)
{
    [Fact]
    public async Task Kanigaran_LKjIP_from_the_Camat_disposisi_through_a_returned_draft_to_the_signed_report()
    {
        await using var walk = new SopWalk(server, "kanigaran");
        await walk.CreateAsync("kasubbag-program", "LKjIP Kecamatan Kanigaran 2025");
        await walk.CompleteAsync(1, "camat", "Disposisi: susun LKjIP 2025");
        await walk.CompleteAsync(2, "kasubbag-program", "Format pengumpulan data dikirim ke Kasi dan Lurah");
        await walk.CompleteAsync(3, "kasi", "Data realisasi kinerja diserahkan");
        await walk.UploadAndCompleteAsync(4, "staf", "Draf", "Draft LKjIP");
        await walk.ReturnAsync(5, "sekcam", "Bab III belum membandingkan target dan realisasi");
        await walk.UploadAndCompleteAsync(4, "staf", "Draf", "Draft LKjIP diperbaiki");
        await walk.UploadAndCompleteAsync(5, "sekcam", "Koreksi", "Koreksi Sekcam");
        await walk.SubmitFinalAsync(6, "kasubbag-program");
        var (signed, version, publicPath) = await walk.SignAsync(7);
        await walk.CheckPublicPageAsync(publicPath, signed);
        await walk.AuditorVerifiesAsync(version);
        // Step 8 is the Kasubbg Keuangan dan Program's (the SOP names him): he makes the letter, sends it, then closes the step.
        var letter = await walk.MakeCoverLetterAsync(8, "kasubbag-program", "kanigaran");
        await walk.DispatchCoverLetterAsync(letter, "kasubbag-program", "Bagian Organisasi Setda Kota Probolinggo");
        await walk.CompleteAsync(8, "kasubbag-program", "Surat pengantar, penomoran, arsip dan pengiriman ke Bagian Organisasi");
        var end = await walk.AsAsync("kasubbag-program");
        await Assertions.Expect(end.SopCompleted).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Candipuro_Laporan_Kinerja_from_disposisi_to_the_signed_report_and_archive()
    {
        await using var walk = new SopWalk(server, "candipuro");
        await walk.CreateAsync("staf", "Laporan Kinerja Kecamatan Candipuro 2025");
        await walk.CompleteAsync(1, "camat", "Disposisi pengumpulan data kinerja");
        await walk.CompleteAsync(2, "kasi", "Format data kinerja disiapkan");
        await walk.CompleteAsync(3, "staf", "Format disampaikan ke seksi");
        await walk.CompleteAsync(4, "staf", "Data kinerja terhimpun");
        await walk.CompleteAsync(5, "staf", "Analisis data kinerja");
        await walk.UploadAndCompleteAsync(6, "kasubbag-program", "Draf", "Konsep Laporan Kinerja");
        await walk.UploadAndCompleteAsync(7, "sekcam", "Koreksi", "Koreksi Sekretaris");
        await walk.SubmitFinalAsync(8, "kasubbag-program");
        var (signed, version, publicPath) = await walk.SignAsync(9);
        await walk.CheckPublicPageAsync(publicPath, signed);
        await walk.AuditorVerifiesAsync(version);
        // Step 10 makes and numbers the letter (its holder); step 11's Staf sends it.
        var letter = await walk.MakeCoverLetterAsync(10, "kasubag-umum", "candipuro");
        await walk.CompleteAsync(10, "kasubag-umum", "Surat pengantar dan penomoran");
        await walk.DispatchCoverLetterAsync(letter, "staf", "Bagian Organisasi Setda Kabupaten Lumajang");
        await walk.CompleteAsync(11, "staf", "Dikirim, digandakan dan diarsipkan");
    }

    [Fact]
    public async Task Lumajang_pengukuran_kinerja_from_the_Bappeda_circular_to_the_signed_document()
    {
        await using var walk = new SopWalk(server, "lumajang");
        await walk.CreateAsync("staf", "Pengukuran Kinerja Kecamatan Lumajang 2025");
        await walk.CompleteAsync(1, "staf", "Surat edaran Bappeda diterima");
        await walk.CompleteAsync(2, "staf", "Diteruskan kepada Camat");
        await walk.CompleteAsync(3, "camat", "Disposisi kepada Kasubbag Keuangan");
        await walk.CompleteAsync(4, "kasubbag-program", "Data kinerja disiapkan");
        await walk.CompleteAsync(5, "kasubbag-program", "Pengukuran kinerja");
        await walk.UploadAndCompleteAsync(6, "staf", "Draf", "Draft pengukuran kinerja");
        await walk.CompleteAsync(7, "kasubbag-program", "Diserahkan kepada Sekretaris");
        await walk.UploadAndCompleteAsync(8, "sekcam", "Koreksi", "Koreksi Sekretaris");
        await walk.SubmitFinalAsync(9, "kasubbag-program");
        var (signed, version, publicPath) = await walk.SignAsync(10);
        await walk.CheckPublicPageAsync(publicPath, signed);
        await walk.AuditorVerifiesAsync(version);
        await walk.NoCoverLetterAsync("staf");   // the SOP has no letter step: none is made
        await walk.CompleteAsync(11, "staf", "Disampaikan kepada pejabat terkait");
        await walk.CompleteAsync(12, "kasubbag-program", "Dikirim ke Bappeda");
    }

    [Fact]
    public async Task Pronojiwo_Laporan_Kinerja_through_the_Inspektorat_review_findings_to_the_Camat_signature()
    {
        await using var walk = new SopWalk(server, "pronojiwo");
        await walk.CreateAsync("kasubbag-program", "Laporan Kinerja Kecamatan Pronojiwo 2025");
        await walk.CompleteAsync(1, "kasi", "SK Tim LKJ dipelajari");
        await walk.CompleteAsync(2, "kasubag-umum", "Undangan rapat tim");
        await walk.CompleteAsync(3, "staf", "Rapat tim LKJ");
        await walk.CompleteAsync(4, "kasubbag-program", "Koordinasi dengan Camat");
        await walk.CompleteAsync(5, "camat", "Sosialisasi disetujui");
        await walk.CompleteAsync(6, "kasubbag-program", "Sosialisasi dilaksanakan");
        await walk.CompleteAsync(7, "staf", "Data kinerja dihimpun oleh Pengelola");
        await walk.UploadAsync("kasubbag-program", "Draf", "Rancangan LKJ");
        await walk.UploadAndCompleteAsync(8, "kasubbag-program", "Koreksi", "Rancangan dikoreksi dan dikirim ke Inspektorat");

        // Reviu: the auditor records two findings; the review cannot close while one is open.
        var auditor = await walk.AsAsync("auditor");
        await auditor.RecordFindingAsync("Indikator kinerja utama belum sesuai Renstra");
        await Assertions.Expect(auditor.Finding(1)).ToContainTextAsync("Renstra");
        await auditor.RecordFindingAsync("Realisasi anggaran Bab III belum dirinci");
        await auditor.CompleteStepAsync(9, "Reviu selesai");
        await Assertions.Expect(auditor.Alert).ToContainTextAsync("catatan reviu belum dijawab");
        await auditor.ScreenshotAsync("reviu-catatan");

        // The review closes on the final version: only that version may go to the Camat.
        var fixedVersion = await walk.UploadAsync("kasubbag-program", "Final", "Perbaikan atas catatan reviu");
        var staff = await walk.AsAsync("kasubbag-program");
        await staff.AnswerFindingAsync(1, fixedVersion, "IKU disesuaikan dengan Renstra");
        await Assertions.Expect(staff.Finding(1)).ToHaveAttributeAsync("data-terjawab", "ya");
        await staff.AnswerFindingAsync(2, fixedVersion, "Rincian realisasi anggaran ditambahkan");
        await Assertions.Expect(staff.Finding(2)).ToHaveAttributeAsync("data-terjawab", "ya");
        await walk.CompleteAsync(9, "auditor", "Reviu selesai, semua catatan dijawab");

        await walk.SubmitFinalAsync(10, "kasubbag-program", fixedVersion);
        var (signed, version, publicPath) = await walk.SignAsync(11);
        await walk.CheckPublicPageAsync(publicPath, signed);
        await walk.AuditorVerifiesAsync(version);
        await walk.NoCoverLetterAsync("kasubbag-program");   // the SOP has no letter step: none is made
        var end = await walk.AsAsync("camat");
        await Assertions.Expect(end.SopCompleted).ToBeVisibleAsync();
    }
}
