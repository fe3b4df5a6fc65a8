using System.Text.RegularExpressions;
using DocSign.Core.Workflow;

namespace DocSign.Core.Tests.Workflow;

/// <summary>
/// Each template carries its seed's whole identity and header (read by hand from the four seed SOPs): the dates,
/// the approver as jabatan and office (never a person), the six header sections with their items as written, the
/// seed's own slips kept and marked, each step's actor marked as read or inferred, corrected wordings beside their
/// original, the Keterangan column, and added time standards that are never enforced.
/// </summary>
public sealed class SopHeaderTests
{
    private static SopDefinition Sop(string key) => SopTemplateLoader.Find(key).ShouldNotBeNull();

    [Theory]
    [InlineData("kanigaran", "2023-01-02", null, null, null, "Camat Kanigaran Kota Probolinggo")]
    [InlineData("candipuro", "2024-01-14", null, "2024-01-17", null, "Plt. Camat Candipuro")]
    [InlineData("lumajang", "2024-01-05", "2024-01-26", null, "2024-02-01", "Camat Kunir")]
    [InlineData("pronojiwo", "2022-10-10", null, "2022-10-30", null, null)]
    public void Each_template_carries_the_seeds_dates_and_approver(string key, string created, string? revised, string? approved, string? effective, string? approver)
    {
        var sop = Sop(key);
        sop.CreatedOn.ShouldBe(DateOnly.Parse(created));
        sop.RevisedOn.ShouldBe(revised is null ? null : DateOnly.Parse(revised));
        sop.ApprovedOn.ShouldBe(approved is null ? null : DateOnly.Parse(approved));
        sop.EffectiveOn.ShouldBe(effective is null ? null : DateOnly.Parse(effective));
        sop.Header.Approver.ShouldNotBeNull().Display.ShouldBe(approver);
        sop.ApprovedBy.ShouldBe(approver);
        // Every header section is there, in the SOP's order, none empty.
        sop.Header.Sections.Select(s => s.Key).ShouldBe(SopSections.All.Select(s => s.Key));
        sop.Header.Sections.ShouldAllBe(s => s.Items.Count > 0);
    }

    [Fact]
    public void Kanigaran_header_reads_as_the_seed_gives_it()
    {
        var h = Sop("kanigaran").Header;
        h.Government.ShouldBe("Pemerintah Kota Probolinggo");
        h.Section(SopSections.DasarHukum)!.Items.ShouldBe([
            "Peraturan Presiden RI No 29 Tahun 2014",
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi No 53 Tahun 2010",
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi No 12 Tahun 2015",
        ]);
        h.Section(SopSections.Peringatan)!.Items.ShouldBe(["Jika SOP Penyusunan LKjIP tidak dilaksanakan akan mempengaruhi Laporan Kinerja"]);
        h.Section(SopSections.Keterkaitan)!.Items.ShouldBe(["SOP Penyusunan Pelaporan Kinerja"]);
        // The seed heads its Keterkaitan "Keterangan": kept, and marked as a slip.
        h.Section(SopSections.Keterkaitan)!.TitleAsWritten.ShouldBe("Keterangan");
        h.SlipAt("keterkaitan:title").ShouldNotBeNull();
        h.Section(SopSections.PeralatanPerlengkapan)!.Items.ShouldBe(["Komputer", "ATK, dll", "Data Kinerja Masing-masing Kasi Lurah"]);
        h.Section(SopSections.PencatatanPendataan)!.Items.ShouldBe(["Laporan LKjIP"]);
        h.Section(SopSections.KualifikasiPelaksana)!.Items.Count.ShouldBe(3);
        h.Approver!.AsWritten.ShouldBe("CAMAT KANIGARAN KOTA PROBOLINGGO");
        h.SlipAt("dasar-hukum:2")!.Written.ShouldBe("No 53 Tahun 2010");
    }

    [Fact]
    public void The_seeds_own_slips_are_kept_as_written_and_marked()
    {
        var candipuro = Sop("candipuro").Header;
        candipuro.Section(SopSections.DasarHukum)!.Items[3].ShouldContain("Nomor 15 Tahun 2106");
        candipuro.SlipAt("dasar-hukum:4")!.Note.ShouldContain("2016");
        candipuro.Section(SopSections.DasarHukum)!.Items.Count.ShouldBe(5);
        candipuro.Approver!.AsWritten.ShouldBe("Pt. CAMAT CANDIPURO");

        // Lumajang's SOP is approved by the Camat of another Kecamatan: carried as written, marked.
        var lumajang = Sop("lumajang").Header;
        lumajang.Approver!.Jabatan.ShouldBe("Camat");
        lumajang.Approver.Office.ShouldBe("Kunir");
        lumajang.SlipAt("approver")!.Note.ShouldContain("kecamatan lain");
        lumajang.Unit.ShouldBe("Sub Bagian Keuangan");
        lumajang.AsWritten["effectiveOn"].ShouldBe("1 Pebruari 2024");
        lumajang.Section(SopSections.DasarHukum)!.Items.Count.ShouldBe(2);

        var pronojiwo = Sop("pronojiwo").Header;
        pronojiwo.Section(SopSections.DasarHukum)!.Items.Count.ShouldBe(8);
        pronojiwo.Section(SopSections.PencatatanPendataan)!.Items[1].ShouldContain("Camat Tempeh");
        pronojiwo.SlipAt("pencatatan-pendataan:2")!.Written.ShouldBe("Camat Tempeh");
        pronojiwo.Section(SopSections.PeralatanPerlengkapan)!.Items.Count.ShouldBe(7);
        // The seed gives only a name and NIP for its approver: no jabatan invented, the reason shown instead.
        pronojiwo.Approver!.Jabatan.ShouldBeNull();
        pronojiwo.Approver.Note.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("kanigaran")]
    [InlineData("candipuro")]
    [InlineData("lumajang")]
    [InlineData("pronojiwo")]
    public void Every_step_says_whether_its_actor_is_read_from_the_SOP_or_inferred_and_why(string key)
    {
        var sop = Sop(key);
        foreach (var step in sop.Steps)
        {
            var actor = step.Actor.ShouldNotBeNull($"step {step.Number} has no actor marker");
            actor.Source.ShouldNotBe(ActorSource.Office);
            actor.Reason.Length.ShouldBeGreaterThan(20);
        }
        // The Pelaksana columns are empty in the seeds: most actors are inferred.
        sop.Steps.Count(s => s.Actor!.Source == ActorSource.Inferred).ShouldBeGreaterThan(sop.Steps.Count / 2);
    }

    [Fact]
    public void Sign_steps_whose_text_names_the_Camat_are_read_from_the_text()
    {
        Sop("kanigaran").Steps.Single(s => s.IsSign).Actor!.Source.ShouldBe(ActorSource.Text);
        Sop("candipuro").Steps.Single(s => s.IsSign).Actor!.Source.ShouldBe(ActorSource.Text);
        Sop("lumajang").Steps.Single(s => s.IsSign).Actor!.Source.ShouldBe(ActorSource.Inferred);
    }

    [Fact]
    public void Corrected_spellings_keep_the_original_beside_them()
    {
        var step8 = Sop("kanigaran").Steps[7];
        step8.Text.ShouldContain("penomoran surat, penggandaan");
        step8.AsWritten["text"].ShouldContain("pemomoran surat, pengandaan");
        Sop("kanigaran").Steps[1].AsWritten["kelengkapan"].ShouldContain("Sistematisa");
        var pronojiwo = Sop("pronojiwo");
        pronojiwo.Steps[3].AsWritten["text"].ShouldContain("yg membidangi");
        pronojiwo.Steps[4].Output.ShouldBe("Terlaksananya Sosialisasi");
        pronojiwo.Steps[4].AsWritten["output"].ShouldBe("Terlaksana nya Sosialisa");
    }

    [Fact]
    public void Candipuro_step_8_asks_the_Kasubag_Keuangans_approval_and_step_10_is_the_Kasubag_Umums()
    {
        var sop = Sop("candipuro");
        var step8 = sop.Steps[7];
        step8.Text.ShouldBe("Menyampaikan Dokumen Laporan Kinerja kepada Kasubag Keuangan untuk memintakan persetujuan");
        step8.Roles.ShouldBe(["Kasubag Keuangan"]);
        step8.Action.ShouldBe(WorkflowActions.Approve);
        step8.IsSubmit.ShouldBeTrue();
        step8.Keterangan.ShouldBe("Konsep Laporan Kinerja");
        sop.FindRole("Kasubag Keuangan")!.DefaultOfficeRoles.ShouldBe(["kasubbag-program"]);

        var step10 = sop.Steps[9];
        step10.Roles.ShouldBe(["Kasubag Umum dan Kepegawaian"]);
        sop.FindRole("Kasubag Umum dan Kepegawaian")!.DefaultOfficeRoles.ShouldBe(["kasubag-umum"]);
        sop.Steps[8].Keterangan.ShouldBe("Dokumen Laporan Kinerja");
        sop.Steps[0].Keterangan.ShouldBe("-");
    }

    [Fact]
    public void Pronojiwos_added_time_standards_are_marked_and_not_enforced()
    {
        var sop = Sop("pronojiwo");
        var added = sop.Steps.Where(s => s.Added).ToList();
        added.Select(s => s.SuggestedWaktu).ShouldBe([null, "1 Jam", "1 Hari"]);
        // No enforced Waktu: no deadline, no overdue flag.
        added.ShouldAllBe(s => s.Waktu == null && s.WaktuRaw == null && !s.WaktuUnreadable);
        var calendar = WorkingCalendarForTests();
        added.ShouldAllBe(s => calendar.Deadline(DateTimeOffset.Parse("2025-03-03T02:00:00Z"), s.Waktu) == null);
        // The SOP's own steps keep their Waktu.
        sop.Steps.Where(s => !s.Added).ShouldAllBe(s => s.Waktu != null && s.SuggestedWaktu == null);
    }

    [Fact]
    public void No_template_holds_a_persons_name_from_the_seeds()
    {
        var assembly = typeof(SopTemplateLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json")))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var text = reader.ReadToEnd();
            // Academic titles follow a person's name in the seeds' approval blocks (", S.STP", ", SH", ", S.IP", ", MA").
            Regex.IsMatch(text, @",\s?(S\.STP|SH|S\.IP|MA|M\.Si)\b").ShouldBeFalse($"{name} holds an official's name and title");
        }
    }

    private static WorkingCalendar WorkingCalendarForTests() => new(new WorkflowOptions());

    [Fact]
    public void A_header_slip_pointing_at_nothing_is_refused()
    {
        const string json = """
            {
              "key": "uji", "sop": { "number": "1/2/2024", "name": "Uji",
                "sections": [ { "key": "dasar-hukum", "items": ["A"] } ],
                "slips": [ { "where": "dasar-hukum:2", "written": "x", "note": "y" } ] },
              "documentKinds": ["lkjip"],
              "roles": [ { "name": "Staf", "defaultOfficeRoles": ["staf"] } ],
              "steps": [ { "id": "a", "number": 1, "text": "Draft", "roles": ["Staf"], "actions": ["upload-draft"], "waktu": "1 Hari" } ]
            }
            """;
        Should.Throw<SopTemplateException>(() => SopTemplateLoader.Parse(json, "uji.json")).Message.ShouldContain("points at nothing");
        Should.Throw<SopTemplateException>(() => SopTemplateLoader.Parse(json.Replace("dasar-hukum:2", "dasar-hukum:1").Replace("\"dasar-hukum\", \"items\"", "\"hukum\", \"items\""), "uji.json"))
            .Message.ShouldContain("unknown header section");
    }
}
