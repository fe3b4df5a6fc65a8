using System.Text.RegularExpressions;
using DocSign.Core.Workflow;

namespace DocSign.Core.Tests.Workflow;

/// <summary>
/// The four seed SOPs as templates: each loads, and its steps, roles and Waktu are those of the seed text
/// (counted by hand from shared/seeds; the seeds themselves stay out of the repository because they name
/// real officials).
/// </summary>
public sealed class SopTemplateTests
{
    public static TheoryData<string, string, int, string[], string[]> Seeds => new()
    {
        {
            "kanigaran", "065/10-2/SOP/425.504/2023", 8,
            ["Camat", "Sekam", "Kasubbg Keuangan dan Program", "Kasi Kecamatan / Lurah", "Staf"],
            ["10 menit", "1 Hari", "5 hari", "2 hari", "1 hari", "1 jam", "5 menit", "1 jam"]
        },
        {
            "candipuro", "700/16/SOP/427.83/2024", 11,
            ["Camat", "Sekretaris", "Kasi / Kasubag", "Staf", "Kasubag Umum dan Kepegawaian", "Kasubag Keuangan"],
            ["10 Menit", "2 Jam", "1 Jam", "3 Jam", "3 Hari", "2 Hari", "1 Hari", "1 Jam", "10 Menit", "15 Menit", "1 Jam"]
        },
        {
            "lumajang", "427.90/26/01/2024", 12,
            ["Staf Penerima Surat", "Staf", "Kasubbag Keuangan", "Sekretaris", "Camat"],
            ["5 menit", "15 menit", "10 menit", "10 menit", "4 hari", "7 hari", "15 menit", "1 hari", "15 menit", "30 menit", "15 menit", "60 menit"]
        },
        {
            // Eight steps from the SOP; review, submission and signature are added (the SOP ends at "Diajukan untuk Review Inspektorat").
            "pronojiwo", "012/427.82/SOP/2022", 8,
            ["Kasubag Umum", "Camat", "Tim LKJ", "Pengelola"],
            ["1 Hari", "1 Jam", "3 Jam", "30 menit", "15 menit", "1 Hari", "1 Bln", "1 Bln"]
        },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_seed_loads_with_its_number_steps_roles_and_time_standards(string key, string number, int sopSteps, string[] sopRoles, string[] waktu)
    {
        var sop = SopTemplateLoader.Find(key).ShouldNotBeNull();
        sop.Key.ShouldBe(key);
        sop.Number.ShouldBe(number);
        sop.Steps.Count(s => !s.Added).ShouldBe(sopSteps);
        sop.Steps.Where(s => !s.Added).Select(s => s.WaktuRaw).ShouldBe(waktu);
        sop.Roles.Where(r => !r.Added).Select(r => r.Name).ShouldBe(sopRoles);
        sop.Steps.Select(s => s.Number).ShouldBe(Enumerable.Range(1, sop.Steps.Count));
        // Every role the SOP names acts in at least one step, and every step's roles are the SOP's (or marked added).
        foreach (var role in sopRoles) sop.Steps.ShouldContain(s => s.Roles.Contains(role), $"role {role} acts nowhere");
        // Added steps come only after the SOP's own steps.
        sop.Steps.SkipWhile(s => !s.Added).ShouldAllBe(s => s.Added);
        // Exactly one submit directly followed by the Camat's sign step.
        var sign = sop.Steps.Single(s => s.IsSign);
        sign.Roles.ShouldBe(["Camat"]);
        sop.Steps[sign.Number - 2].IsSubmit.ShouldBeTrue();
        sop.Governs("LKjIP").ShouldBeTrue();
        sop.Governs("surat-keluar").ShouldBeFalse();
    }

    [Fact]
    public void The_four_seeds_are_the_built_in_templates()
    {
        SopTemplateLoader.Templates.Keys.Order().ShouldBe(["candipuro", "kanigaran", "lumajang", "pronojiwo"]);
    }

    [Fact]
    public void Pronojiwo_continues_after_the_sop_with_review_and_the_Camats_approval_and_signature_marked_added()
    {
        var sop = SopTemplateLoader.Find("pronojiwo")!;
        sop.Steps[7].Text.ShouldContain("Diajukan untuk Review Inspektorat");
        var added = sop.Steps.Where(s => s.Added).ToList();
        added.Select(s => s.Action).ShouldBe([WorkflowActions.Review, WorkflowActions.Submit, WorkflowActions.Approve]);
        added[0].Roles.ShouldBe(["Inspektorat"]);
        added[2].Actions.ShouldBe([WorkflowActions.Approve, WorkflowActions.Sign]);
        sop.FindRole("Inspektorat")!.Added.ShouldBeTrue();
        sop.FindRole("Inspektorat")!.DefaultOfficeRoles.ShouldBe(["auditor"]);
        sop.FindRole("Tim LKJ")!.DefaultOfficeRoles.Count.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Lumajang_has_the_Staf_Penerima_Surat_and_Kanigaran_the_Kasi_Lurah()
    {
        SopTemplateLoader.Find("lumajang")!.Steps[0].Roles.ShouldBe(["Staf Penerima Surat"]);
        SopTemplateLoader.Find("kanigaran")!.Steps[2].Roles.ShouldBe(["Kasi Kecamatan / Lurah"]);
        SopTemplateLoader.Find("kanigaran")!.Steps[5].Roles.ShouldContain("Kasubbg Keuangan dan Program");
    }

    [Fact]
    public void Templates_hold_no_NIP_of_the_officials_who_signed_the_SOPs()
    {
        var assembly = typeof(SopTemplateLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json")))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var text = reader.ReadToEnd();
            Regex.IsMatch(text, @"\d{8}\s?\d{6}\s?\d\s?\d{3}").ShouldBeFalse($"{name} holds a NIP");
            text.ShouldNotContain("NIP", Case.Sensitive);
        }
    }

    [Theory]
    [InlineData("10 menit", 10, TimeUnit.Minutes)]
    [InlineData("10 Menit", 10, TimeUnit.Minutes)]
    [InlineData("1 Jam", 1, TimeUnit.Hours)]
    [InlineData("3 Hari", 3, TimeUnit.WorkingDays)]
    [InlineData("1 Bln", 1, TimeUnit.Months)]
    [InlineData("2 bulan", 2, TimeUnit.Months)]
    [InlineData("60 menit", 60, TimeUnit.Minutes)]
    public void Waktu_is_parsed(string raw, int amount, TimeUnit unit)
    {
        TimeStandard.TryParse(raw, out var t).ShouldBeTrue();
        t!.Amount.ShouldBe(amount);
        t.Unit.ShouldBe(unit);
        t.Raw.ShouldBe(raw);
    }

    [Theory]
    [InlineData("")]
    [InlineData("segera")]
    [InlineData("0 menit")]
    [InlineData("1 x 24 jam")]
    [InlineData("-1 Hari")]
    [InlineData("1,5 Jam")]
    public void Unknown_Waktu_is_refused(string raw) => TimeStandard.TryParse(raw, out _).ShouldBeFalse();

    private const string Valid = """
        {
          "key": "uji", "sop": { "number": "1/2/2024", "name": "Uji" }, "documentKinds": ["lkjip"],
          "roles": [ { "name": "Camat", "defaultOfficeRoles": ["camat"] }, { "name": "Staf", "defaultOfficeRoles": ["staf"] } ],
          "steps": [
            { "id": "a", "number": 1, "text": "Draft", "roles": ["Staf"], "actions": ["upload-draft"], "waktu": "1 Hari" },
            { "id": "b", "number": 2, "text": "Ajukan", "roles": ["Staf"], "actions": ["submit"], "waktu": "1 Jam" },
            { "id": "c", "number": 3, "text": "Tanda tangan", "roles": ["Camat"], "actions": ["sign"], "waktu": "10 menit" }
          ]
        }
        """;

    [Fact]
    public void A_valid_template_parses()
    {
        var sop = SopTemplateLoader.Parse(Valid, "uji.json");
        sop.Steps.Select(s => s.Id).ShouldBe(["a", "b", "c"]);
        sop.Steps[0].Waktu!.Unit.ShouldBe(TimeUnit.WorkingDays);
    }

    [Fact]
    public void A_Waktu_the_parser_cannot_read_is_kept_as_written_and_marked_never_defaulted()
    {
        var sop = SopTemplateLoader.Parse(Valid.Replace("\"waktu\": \"1 Jam\"", "\"waktu\": \"sebentar\""), "uji.json");
        var step = sop.Steps[1];
        step.WaktuRaw.ShouldBe("sebentar");
        step.Waktu.ShouldBeNull();
        step.WaktuUnreadable.ShouldBeTrue();
        new WorkingCalendar(new WorkflowOptions()).Deadline(DateTimeOffset.UnixEpoch, step.Waktu).ShouldBeNull();
        sop.Steps.Count(s => s.WaktuUnreadable).ShouldBe(1);
    }

    [Theory]
    [InlineData("\"id\": \"b\"", "\"id\": \"a\"", "step id used twice")]
    [InlineData("\"actions\": [\"submit\"]", "\"actions\": [\"terbang\"]", "unknown action kind 'terbang'")]
    [InlineData("\"waktu\": \"1 Jam\"", "\"waktu\": null", "Waktu is missing")]
    [InlineData("\"roles\": [\"Camat\"]", "\"roles\": [\"Bupati\"]", "role 'Bupati' is not declared")]
    [InlineData("[\"staf\"]", "[\"lurah\"]", "unknown office role 'lurah'")]
    [InlineData("\"number\": 2,", "\"number\": 5,", "out of order")]
    [InlineData("\"actions\": [\"submit\"]", "\"actions\": [\"send\"]", "must directly follow a submit step")]
    [InlineData("\"documentKinds\": [\"lkjip\"]", "\"documentKinds\": []", "documentKinds is empty")]
    [InlineData("\"key\": \"uji\"", "\"key\": \"uji\", \"extra\": 1", "not valid template JSON")]
    public void A_broken_template_is_refused_with_a_message_naming_the_fault(string from, string to, string message)
    {
        var json = Valid.Replace(from, to);
        json.ShouldNotBe(Valid);
        var e = Should.Throw<SopTemplateException>(() => SopTemplateLoader.Parse(json, "uji.json"));
        e.Message.ShouldContain("uji.json");
        e.Message.ShouldContain(message);
    }
}
