using DocSign.Core.Demo;
using DocSign.Core.Offices;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Demo;

/// <summary>Bound from <c>DocSign:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "DocSign:Demo";

    /// <summary>Creates the four demo offices and their users (embedded defaults only; off in production).</summary>
    public bool Enabled { get; set; }

    public const string Password = "docsign-demo";
}

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
                var displayName = $"{Given[(o * 3 + r) % Given.Length]} {Family[(o + r * 2) % Family.Length]}";
                var user = await EnsureUserAsync($"{role}.{office}", displayName, false);
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
        if (created > 0) logger.LogInformation("Demo data: created {Count} demo users in {Offices} offices", created, Offices.Count);
    }

    /// <summary>The demo's Inspektorat auditor, assigned to every office of Kabupaten Lumajang.</summary>
    public const string InspektoratAuditor = "auditor.inspektorat";

    public static readonly IReadOnlyList<string> LumajangRegencyOffices = ["candipuro", "lumajang", "pronojiwo"];

    /// <summary>Every user name the demo creates (also used to find demo accounts seeded before they were marked).</summary>
    public static IEnumerable<string> UserNames =>
        Offices.SelectMany(o => OfficeRole.All.Select(r => $"{r}.{o.Id}")).Append(InspektoratAuditor).Append("admin");

    private async Task<(DocSignUser User, bool Created)> EnsureUserAsync(string userName, string displayName, bool admin)
    {
        var existing = await users.FindByNameAsync(userName);
        if (existing is not null)
        {
            await DemoAccounts.MarkAsync(users, existing);
            return (existing, false);
        }
        var user = new DocSignUser { UserName = userName, DisplayName = displayName, IsAdministrator = admin, LockoutEnabled = true };
        var result = await users.CreateAsync(user, DemoOptions.Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo user {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await DemoAccounts.MarkAsync(users, user);
        return (user, true);
    }
}
