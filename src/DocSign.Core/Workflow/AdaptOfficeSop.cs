using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>One role of the adapted SOP: its name, the role it renames (if any), and the office roles that hold it (null: keep who holds it now).</summary>
public sealed record SopRoleEdit(string? Name, string? RenamedFrom, IReadOnlyList<string>? OfficeRoles);

/// <summary>
/// One step of the adapted SOP, in order: <see cref="Id"/> names the step of the current SOP it keeps (null: a step
/// the office adds); an empty Waktu keeps the current one (a new step must give one).
/// </summary>
public sealed record SopStepEdit(string? Id, string? Text, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Actions,
    string? Kelengkapan, string? Waktu, string? Output);

/// <summary>The whole adapted SOP: number and name (null: keep), document kinds (null: keep), roles and steps in order.</summary>
public sealed record AdaptSopCommand(string? Number, string? Name, IReadOnlyList<string>? DocumentKinds,
    IReadOnlyList<SopRoleEdit>? Roles, IReadOnlyList<SopStepEdit>? Steps);

/// <summary>
/// An office administrator adapts the office's SOP (renames roles, changes a Waktu, adds or removes steps) or, for an
/// office without one, enters its own. The result is stored as a new immutable version whose origin is the seed
/// template; the office runs it for new documents while documents already running keep the version they started on.
/// A Waktu the office sets is enforced, including one DocSign had only proposed. Bad input changes nothing.
/// </summary>
public sealed class AdaptOfficeSopHandler(
    IWorkflowRepository workflows,
    IDocumentRepository documents,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<AdaptOfficeSopHandler> logger)
{
    public const int MaxRoles = 30;
    public const int MaxSteps = 60;
    public const int MaxText = 1000;
    public const int MaxField = 500;
    public const int MaxName = 100;

    public async Task<OfficeSopView> HandleAsync(Actor actor, string? office, AdaptSopCommand? command, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (!actor.IsAdministrator)
            throw DocSignProblem.Forbidden("Hanya admin yang dapat menyesuaikan SOP kantor.");
        if (command?.Roles is not { Count: > 0 and <= MaxRoles } roleEdits)
            throw DocSignProblem.Invalid($"Sebutkan peran-peran SOP (1 sampai {MaxRoles} peran).");
        if (command.Steps is not { Count: > 0 and <= MaxSteps } stepEdits)
            throw DocSignProblem.Invalid($"Sebutkan langkah-langkah SOP (1 sampai {MaxSteps} langkah).");

        var workflow = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        var current = workflow is null ? null : await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, workflow.TemplateKey, cancellationToken));
        var now = clock.GetUtcNow();

        var number = Text(command.Number, MaxName, "Nomor SOP") ?? current?.Number
            ?? throw DocSignProblem.Invalid("Nomor SOP wajib diisi untuk SOP yang dimasukkan kantor sendiri.");
        var name = Text(command.Name, MaxField, "Nama SOP") ?? current?.Name
            ?? throw DocSignProblem.Invalid("Nama SOP wajib diisi untuk SOP yang dimasukkan kantor sendiri.");
        var kinds = command.DocumentKinds?.Select(k => k?.Trim() ?? "").Where(k => k.Length > 0).Distinct().ToList() is { Count: > 0 } given
            ? given : current?.DocumentKinds.ToList() ?? ["lkjip"];
        if (kinds.Count > 20 || kinds.Any(k => k.Length > 64))
            throw DocSignProblem.Invalid("Jenis dokumen paling panjang 64 karakter.");

        var (roles, renamed) = Roles(roleEdits, current);
        var steps = Steps(stepEdits, current, roles, renamed, actor, now);

        var version = await WorkflowAccess.Database(() => workflows.CountSopVersionsAsync(officeId, cancellationToken)) + 1;
        var key = OfficeSopVersion.KeyFor(officeId, version);
        var origin = current is null ? null : new SopOrigin(current.Origin?.TemplateKey ?? current.Key, current.Origin?.TemplateNumber ?? current.Number, current.Key);
        var adapted = new SopDefinition(key, current?.Office ?? $"Kecamatan {officeId}", current?.Source ?? "", number, name,
            current?.CreatedOn, current?.RevisedOn, current?.ApprovedOn, current?.EffectiveOn, current?.ApprovedBy, kinds, roles, steps)
        {
            Header = current?.Header ?? SopHeader.Empty,
            Origin = origin,
        };
        var json = SopTemplateLoader.Write(adapted);
        SopDefinition stored;
        try
        {
            // The same validation as the shipped templates: what is stored is what runs.
            stored = SopTemplateLoader.Parse(json, key);
        }
        catch (SopTemplateException e)
        {
            logger.LogWarning("Adapted SOP of office {Office} refused by the template check: {Reason}", officeId, e.Message);
            throw DocSignProblem.Invalid("SOP yang disesuaikan tidak dapat dijalankan; periksa langkah, peran dan Waktu-nya.");
        }

        var mapping = Mapping(stored, roleEdits, renamed, workflow, current);
        if (workflow is null)
        {
            workflow = OfficeWorkflow.AdoptOwn(officeId, stored, mapping, actor.UserName, now);
            workflows.AddOfficeWorkflow(workflow);
        }
        else
            workflow.Adapt(stored, mapping, actor.UserName, now);
        workflows.AddSopVersion(new OfficeSopVersion(key, officeId, version, json, actor.UserName, now));
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = origin is null
                ? $"SOP kantor {number} dimasukkan (versi {version}, {steps.Count} langkah)"
                : $"SOP kantor disesuaikan dari {origin.TemplateNumber} (versi {version}, {steps.Count} langkah)",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Office {Office} now runs its own SOP version {Key} (from {From}), by {User}", officeId, key, current?.Key, actor.UserName);
        return new OfficeSopView(officeId, stored, workflow.Mapping(stored), workflow.AdoptedBy, workflow.AdoptedAt);
    }

    private static (List<SopRole> Roles, Dictionary<string, string> Renamed) Roles(IReadOnlyList<SopRoleEdit> edits, SopDefinition? current)
    {
        var roles = new List<SopRole>();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in edits)
        {
            var roleName = Text(e?.Name, MaxName, "Nama peran") ?? throw DocSignProblem.Invalid("Setiap peran SOP harus bernama.");
            if (roles.Any(r => string.Equals(r.Name, roleName, StringComparison.OrdinalIgnoreCase)))
                throw DocSignProblem.Invalid($"Peran '{roleName}' disebut lebih dari sekali.");
            var from = e!.RenamedFrom?.Trim() is { Length: > 0 } f ? f : null;
            SopRole? baseRole = null;
            if (from is not null)
            {
                baseRole = current?.FindRole(from) ?? throw DocSignProblem.Invalid($"Peran '{from}' yang diganti namanya tidak ada di SOP kantor.");
                if (renamed.ContainsKey(from)) throw DocSignProblem.Invalid($"Peran '{from}' diganti nama lebih dari sekali.");
                renamed[from] = roleName;
            }
            else baseRole = current?.FindRole(roleName);
            foreach (var r in e.OfficeRoles ?? [])
                if (!OfficeRole.IsKnown(r))
                    throw DocSignProblem.Invalid($"Peran kantor '{r}' tidak dikenal (pilihan: {string.Join(", ", OfficeRole.All)}).");
            var description = baseRole is null ? "Peran ditambahkan kantor"
                : from is not null && from != roleName ? $"{baseRole.Description ?? ""} (di SOP asal: {from})".Trim() : baseRole.Description;
            roles.Add(new SopRole(roleName, description, e.OfficeRoles?.Distinct().ToList() ?? baseRole?.DefaultOfficeRoles ?? [], baseRole?.Added ?? false));
        }
        // A role kept under its own name is a rename to itself: steps that name it keep it.
        foreach (var r in roles)
            if (current?.FindRole(r.Name) is not null && !renamed.ContainsKey(r.Name) && !renamed.ContainsValue(r.Name)) renamed[r.Name] = r.Name;
        return (roles, renamed);
    }

    private static List<SopStep> Steps(IReadOnlyList<SopStepEdit> edits, SopDefinition? current, List<SopRole> roles,
        Dictionary<string, string> renamed, Actor actor, DateTimeOffset now)
    {
        var steps = new List<SopStep>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < edits.Count; i++)
        {
            var n = i + 1;
            var e = edits[i] ?? throw DocSignProblem.Invalid($"Langkah {n} kosong.");
            var baseStep = e.Id is { Length: > 0 } id
                ? current?.FindStep(id) ?? throw DocSignProblem.Invalid($"Langkah '{id}' tidak ada di SOP kantor.")
                : null;
            var text = Text(e.Text, MaxText, $"Kegiatan langkah {n}") ?? throw DocSignProblem.Invalid($"Kegiatan langkah {n} wajib diisi.");
            var stepRoles = (e.Roles ?? []).Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct().ToList();
            if (stepRoles.Count == 0) throw DocSignProblem.Invalid($"Langkah {n} harus punya paling sedikit satu pelaksana.");
            foreach (var r in stepRoles)
                if (roles.All(x => x.Name != r))
                    throw DocSignProblem.Invalid($"Pelaksana '{r}' pada langkah {n} tidak ada di daftar peran SOP.");
            var actions = (e.Actions ?? []).Select(a => a?.Trim() ?? "").Where(a => a.Length > 0).Distinct().ToList();
            if (actions.Count == 0) actions = baseStep?.Actions.ToList() ?? [WorkflowActions.Prepare];
            foreach (var a in actions)
                if (!WorkflowActions.All.Contains(a))
                    throw DocSignProblem.Invalid($"Jenis tindakan '{a}' pada langkah {n} tidak dikenal.");

            string? waktuRaw = baseStep?.WaktuRaw;
            var suggested = baseStep?.SuggestedWaktu;
            TimeStandard? waktu = baseStep?.Waktu;
            var waktuSet = false;
            if (Text(e.Waktu, 50, $"Waktu langkah {n}") is { } w)
            {
                if (!TimeStandard.TryParse(w, out waktu))
                    throw DocSignProblem.Invalid($"Waktu '{w}' pada langkah {n} tidak dapat dibaca; tulis misalnya \"10 menit\", \"2 jam\", \"3 hari\" atau \"1 bulan\".");
                waktuSet = w != baseStep?.WaktuRaw;
                waktuRaw = w;
                // The office sets it: no longer DocSign's proposal, now enforced.
                suggested = null;
            }
            else if (baseStep is null)
                throw DocSignProblem.Invalid($"Waktu langkah {n} wajib diisi untuk langkah yang ditambahkan kantor.");

            var kelengkapan = Text(e.Kelengkapan, MaxField, $"Kelengkapan langkah {n}") ?? "";
            var output = Text(e.Output, MaxField, $"Output langkah {n}") ?? "";
            var mappedBaseRoles = baseStep?.Roles.Select(r => renamed.GetValueOrDefault(r)).ToList();
            var sameActors = mappedBaseRoles is not null && mappedBaseRoles.All(r => r is not null) && mappedBaseRoles.SequenceEqual(stepRoles);
            var stepId = baseStep?.Id ?? NewId(ids, n);
            if (!ids.Add(stepId)) throw DocSignProblem.Invalid($"Langkah '{stepId}' disebut lebih dari sekali.");
            var changedBy = $"{actor.UserName}, {now:yyyy-MM-dd}";
            var asWritten = baseStep is null ? SopHeader.NoWording : baseStep.AsWritten
                .Where(kv => kv.Key switch { "text" => text == baseStep.Text, "kelengkapan" => kelengkapan == baseStep.Kelengkapan, "output" => output == baseStep.Output, _ => false })
                .ToDictionary(kv => kv.Key, kv => kv.Value);
            var remark = baseStep is null ? $"Ditambahkan kantor ({changedBy})."
                : waktuSet ? $"{baseStep.Remark} Waktu ditetapkan kantor ({changedBy}).".Trim() : baseStep.Remark;
            steps.Add(new SopStep(stepId, n, text, stepRoles, actions, kelengkapan, waktuRaw, waktu, output, baseStep?.Added ?? true, remark)
            {
                Actor = sameActors ? baseStep!.Actor : new SopActor(ActorSource.Office, $"ditetapkan kantor saat menyesuaikan SOP ({changedBy})"),
                AsWritten = asWritten,
                Keterangan = baseStep?.Keterangan,
                SuggestedWaktu = suggested,
            });
        }
        var signs = steps.Count(s => s.IsSign);
        if (signs > 1) throw DocSignProblem.Invalid("SOP hanya boleh punya satu langkah penandatanganan.");
        var sign = steps.FindIndex(s => s.IsSign);
        if (sign >= 0 && (sign == 0 || !steps[sign - 1].IsSubmit))
            throw DocSignProblem.Invalid("Langkah penandatanganan harus tepat sesudah langkah pengajuan versi final kepada Camat.");
        if (steps.Count(s => s.IsSubmit) > 1 && sign >= 0)
            throw DocSignProblem.Invalid("SOP hanya boleh punya satu langkah pengajuan kepada Camat.");
        return steps;
    }

    private static string NewId(HashSet<string> used, int number)
    {
        for (var k = number; ; k++)
            if (!used.Contains($"kantor-{k}")) return $"kantor-{k}";
    }

    private static List<RoleMappingEntry> Mapping(SopDefinition sop, IReadOnlyList<SopRoleEdit> edits, Dictionary<string, string> renamed,
        OfficeWorkflow? workflow, SopDefinition? current)
    {
        var now = workflow is null || current is null ? [] : workflow.Mapping(current);
        var result = new List<RoleMappingEntry>();
        foreach (var role in sop.Roles)
        {
            var edit = edits.First(e => e.Name?.Trim() == role.Name);
            if (edit.OfficeRoles is { Count: > 0 } given)
            {
                result.Add(new RoleMappingEntry(role.Name, given.Distinct().ToList(), []));
                continue;
            }
            var from = renamed.FirstOrDefault(kv => kv.Value == role.Name).Key;
            if (from is not null && now.FirstOrDefault(m => m.SopRole == from) is { } held && held.OfficeRoles.Count + held.UserNames.Count > 0)
                result.Add(held with { SopRole = role.Name });
            else if (role.DefaultOfficeRoles.Count > 0)
                result.Add(new RoleMappingEntry(role.Name, role.DefaultOfficeRoles, []));
            else
                throw DocSignProblem.Invalid($"Peran '{role.Name}' belum dipegang siapa pun: pilih paling sedikit satu peran kantor.");
        }
        return result;
    }

    private static string? Text(string? value, int max, string what)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is { Length: var l } && l > max) throw DocSignProblem.Invalid($"{what} terlalu panjang; paling banyak {max} karakter.");
        return text;
    }
}
