using DocSign.Core.Demo;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Demo;

/// <summary>
/// The demo offices and accounts: users <c>&lt;role&gt;.&lt;office&gt;</c> and <c>admin</c>, password
/// <c>docsign-demo</c>. The people are fictional. Idempotent: existing users are left as they are.
/// </summary>
public sealed class DemoSeeder(
    DocSignDbContext db,
    UserManager<DocSignUser> users,
    IDemoSignerEnrollment signerEnrollment,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public static readonly IReadOnlyList<(string Id, string Name)> Offices =
    [
        ("kanigaran", "Kecamatan Kanigaran"),
        ("candipuro", "Kecamatan Candipuro"),
        ("lumajang", "Kecamatan Lumajang"),
        ("pronojiwo", "Kecamatan Pronojiwo"),
    ];

    // Fictional names, combined per office and role; none belongs to an official named in the SOP seeds.
    private static readonly string[] Given = ["Bayu", "Sri", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nurul", "Oki"];
    private static readonly string[] Family = ["Pratama", "Wulandari", "Saputra", "Kusumawati", "Hidayat", "Permatasari", "Santoso"];

    /// <summary>
    /// The demo signers whose sample certificates exist (certs-sample/camat-*.p12, sekcam-kanigaran.p12), named as
    /// those certificates name them, so that enrolling them proves who they are like any enrolment.
    /// </summary>
    private static readonly Dictionary<string, (string Name, string Nip)> SampleSigners = new(StringComparer.Ordinal)
    {
        ["camat.kanigaran"] = ("Hendra Wijaya Kusuma", "197403152001121003"),
        ["camat.candipuro"] = ("Sri Wahyuningsih", "197610222002122004"),
        ["camat.lumajang"] = ("Bambang Setiadi", "197108091998031006"),
        ["camat.pronojiwo"] = ("Dewi Anggraini", "198002142005012008"),
        ["sekcam.kanigaran"] = ("Yoga Pratama Putra", "198305172008011002"),
    };

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (id, name) in Offices)
        {
            if (!await db.Offices.AnyAsync(o => o.Id == id, cancellationToken))
                db.Offices.Add(new Office(id, name));
        }
        await db.SaveChangesAsync(cancellationToken);

        var created = 0;
        for (var o = 0; o < Offices.Count; o++)
        {
            var office = Offices[o].Id;
            string? camatId = null;
            for (var r = 0; r < OfficeRole.All.Count; r++)
            {
                var role = OfficeRole.All[r];
                var userName = $"{role}.{office}";
                var user = SampleSigners.TryGetValue(userName, out var signer)
                    ? await EnsureUserAsync(userName, signer.Name, false, signer.Nip)
                    : await EnsureUserAsync(userName, $"{Given[(o * 3 + r) % Given.Length]} {Family[(o + r * 2) % Family.Length]}", false);
                if (user.Created) created++;
                if (!await db.Memberships.AnyAsync(m => m.UserId == user.User.Id && m.OfficeId == office, cancellationToken))
                {
                    db.Memberships.Add(new Membership(user.User.Id, office, role));
                    await db.SaveChangesAsync(cancellationToken);
                }
                if (role == OfficeRole.Camat) camatId = user.User.Id;
            }
            // After every role exists, so that the enrolment can also give the Sekcam his paraf key.
            if (camatId is not null) await signerEnrollment.EnrollAsync(office, camatId, cancellationToken);
        }
        // Each demo office runs its own seed SOP with the template's default role mapping.
        foreach (var (id, _) in Offices)
        {
            if (await db.Set<OfficeWorkflow>().AnyAsync(w => w.OfficeId == id, cancellationToken)) continue;
            var template = SopTemplateLoader.Find(id) ?? throw new InvalidOperationException($"No SOP template for demo office {id}.");
            db.Set<OfficeWorkflow>().Add(OfficeWorkflow.Adopt(id, template, "demo", clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
        // The Inspektorat of Kabupaten Lumajang audits the three Lumajang offices (Kanigaran is in Kota Probolinggo).
        var inspektorat = await EnsureUserAsync(InspektoratAuditor, "Rudi Hartono", false);
        if (inspektorat.Created) created++;
        foreach (var office in LumajangRegencyOffices)
        {
            if (!await db.Memberships.AnyAsync(m => m.UserId == inspektorat.User.Id && m.OfficeId == office, cancellationToken))
            {
                db.Memberships.Add(new Membership(inspektorat.User.Id, office, OfficeRole.Auditor));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        if ((await EnsureUserAsync("admin", "Administrator DocSign", true)).Created) created++;
        await SeedLetterTemplatesAsync(cancellationToken);
        if (created > 0) logger.LogInformation("Demo data: created {Count} demo users in {Offices} offices", created, Offices.Count);
    }

    /// <summary>The demo's Inspektorat auditor, assigned to every office of Kabupaten Lumajang.</summary>
    public const string InspektoratAuditor = "auditor.inspektorat";

    public static readonly IReadOnlyList<string> LumajangRegencyOffices = ["candipuro", "lumajang", "pronojiwo"];

    /// <summary>Every user name the demo creates (also used to find demo accounts seeded before they were marked).</summary>
    public static IEnumerable<string> UserNames =>
        Offices.SelectMany(o => OfficeRole.All.Select(r => $"{r}.{o.Id}")).Append(InspektoratAuditor).Append("admin");

    private async Task<(DocSignUser User, bool Created)> EnsureUserAsync(string userName, string displayName, bool admin, string? nip = null)
    {
        var existing = await users.FindByNameAsync(userName);
        if (existing is not null)
        {
            if (nip is not null && (existing.Nip != nip || existing.DisplayName != displayName))
            {
                // Seeded before the demo signers were named after their sample certificates.
                existing.DisplayName = displayName;
                existing.Nip = nip;
                await users.UpdateAsync(existing);
            }
            await DemoAccounts.MarkAsync(users, existing);
            return (existing, false);
        }
        // A fictional address (the reserved .example domain) so that reminders have somewhere to go in the demo.
        var user = new DocSignUser { UserName = userName, Email = $"{userName}@kecamatan.example", DisplayName = displayName, Nip = nip, IsAdministrator = admin, LockoutEnabled = true };
        var result = await users.CreateAsync(user, DemoOptions.Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo user {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await DemoAccounts.MarkAsync(users, user);
        return (user, true);
    }

    /// <summary>
    /// Each demo office's letter settings, after its own SOP's number pattern (Kanigaran 065/10-2/SOP/425.504/2023,
    /// Candipuro 700/16/SOP/427.83/2024, Lumajang 427.90/26/01/2024 with the month, Pronojiwo 012/427.82/SOP/2022
    /// with a zero-padded running number) and the addressee its SOP names. Sender names and NIPs are fictional.
    /// Existing templates are left as an admin may have changed them.
    /// </summary>
    private async Task SeedLetterTemplatesAsync(CancellationToken cancellationToken)
    {
        foreach (var t in DemoLetterTemplates())
        {
            var existing = await db.Set<LetterTemplate>().FirstOrDefaultAsync(x => x.OfficeId == t.OfficeId, cancellationToken);
            if (existing is null)
                db.Set<LetterTemplate>().Add(t);
            else if (existing.DefaultClassification is "065" or "700" or "050")
            {
                // Demo data seeded before the 2022 classification: the old codes are no longer accepted for a number.
                existing.DefaultClassification = t.DefaultClassification;
                existing.RetentionClass = t.RetentionClass;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The four demo offices' letter templates.</summary>
    public static IReadOnlyList<LetterTemplate> DemoLetterTemplates() =>
    [
        new("kanigaran")
        {
            NumberPattern = "{klasifikasi}/{urut}/{unit}/{tahun}", UnitCode = "425.504", DefaultClassification = "000.8.6.3", InsertStyle = InsertStyle.Dot,
            Place = "Probolinggo",
            Letterhead = "PEMERINTAH KOTA PROBOLINGGO\nKECAMATAN KANIGARAN\nJalan Contoh Raya Nomor 1, Kota Probolinggo (alamat contoh)",
            Addressee = "Kepala Bagian Organisasi\nSekretariat Daerah Kota Probolinggo",
            Telephone = "(0335) 000001 (contoh)", Website = "kanigaran.contoh.go.id", PaperSize = PaperSize.A4,
            CarbonCopies = "Wali Kota Probolinggo (sebagai laporan)\nInspektur Kota Probolinggo",
            SenderAuthority = "a.n.", SenderTitle = "CAMAT KANIGARAN\nSEKRETARIS KECAMATAN", SenderName = "Rudi Hartono, S.Sos.", SenderNip = "198001012005011001",
            Signer = LetterSigner.Seal, RetentionClass = "000.8.6.3 Akuntabilitas Kinerja Instansi Pemerintah (JRA: 2 tahun aktif, 4 tahun inaktif, Permanen)", RetentionYears = 6,
        },
        new("candipuro")
        {
            NumberPattern = "{klasifikasi}/{urut}/{unit}/{tahun}", UnitCode = "427.83", DefaultClassification = "000.8.6.3", InsertStyle = InsertStyle.Dot,
            Place = "Candipuro",
            Letterhead = "PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN CANDIPURO\nJalan Contoh Nomor 2, Candipuro, Lumajang (alamat contoh)",
            Addressee = "Kepala Bagian Organisasi\nSekretariat Daerah Kabupaten Lumajang",
            Telephone = "(0334) 000002 (contoh)", Website = "candipuro.contoh.go.id", PaperSize = PaperSize.F4,
            CarbonCopies = "Bupati Lumajang (sebagai laporan)\nInspektur Kabupaten Lumajang",
            SenderAuthority = "", SenderTitle = "CAMAT CANDIPURO", SenderName = "Wahyu Setiawan, S.STP.", SenderNip = "197905152003121002",
            Signer = LetterSigner.Seal, RetentionClass = "000.8.6.3 Akuntabilitas Kinerja Instansi Pemerintah (JRA: 2 tahun aktif, 4 tahun inaktif, Permanen)", RetentionYears = 6,
        },
        new("lumajang")
        {
            NumberPattern = "{klasifikasi}/{urut}/{unit}/{bulan-romawi}/{tahun}", UnitCode = "427.90", DefaultClassification = "000.8.6.3", InsertStyle = InsertStyle.Dot,
            Place = "Lumajang",
            Letterhead = "PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN LUMAJANG\nJalan Contoh Nomor 3, Lumajang (alamat contoh)",
            Addressee = "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda)\nKabupaten Lumajang",
            Telephone = "(0334) 000003 (contoh)", Website = "kec-lumajang.contoh.go.id", PaperSize = PaperSize.F4,
            CarbonCopies = "Bupati Lumajang (sebagai laporan)",
            SenderAuthority = "", SenderTitle = "CAMAT LUMAJANG", SenderName = "Bambang Setiadi", SenderNip = "197108091998031006",
            Signer = LetterSigner.Seal, RetentionClass = "000.8.6.3 Akuntabilitas Kinerja Instansi Pemerintah (JRA: 2 tahun aktif, 4 tahun inaktif, Permanen)", RetentionYears = 6,
        },
        new("pronojiwo")
        {
            NumberPattern = "{klasifikasi}/{urut:3}/{unit}/{tahun}", UnitCode = "427.82", DefaultClassification = "000.8.6.3", InsertStyle = InsertStyle.Letter,
            Place = "Pronojiwo",
            Letterhead = "PEMERINTAH KABUPATEN LUMAJANG\nKECAMATAN PRONOJIWO\nJalan Contoh Nomor 4, Pronojiwo, Lumajang (alamat contoh)",
            Addressee = "Inspektur\nInspektorat Kabupaten Lumajang",
            Telephone = "(0334) 000004 (contoh)", Website = "pronojiwo.contoh.go.id", PaperSize = PaperSize.F4,
            CarbonCopies = "Bupati Lumajang (sebagai laporan)",
            SenderAuthority = "", SenderTitle = "CAMAT PRONOJIWO", SenderName = "Dewi Anggraini", SenderNip = "198002142005012008",
            Signer = LetterSigner.Seal, RetentionClass = "000.8.6.3 Akuntabilitas Kinerja Instansi Pemerintah (JRA: 2 tahun aktif, 4 tahun inaktif, Permanen)", RetentionYears = 6,
        },
    ];
}
