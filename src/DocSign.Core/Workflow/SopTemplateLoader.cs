using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocSign.Core.Offices;

namespace DocSign.Core.Workflow;

/// <summary>A template file that does not describe a runnable SOP; the message names the file and the fault.</summary>
public sealed class SopTemplateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads and validates SOP templates (the JSON files under <c>Workflow/Templates</c>, embedded in the assembly):
/// unique step ids and numbers in order, known action kinds, roles that the SOP declares, a Waktu on every step
/// (only steps marked <c>added</c> may go without one; one the parser cannot read is kept and flagged, see
/// <see cref="SopStep.WaktuUnreadable"/>), known default office roles.
/// </summary>
public static class SopTemplateLoader
{
    private const string ResourcePrefix = "DocSign.Core.Workflow.Templates.";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, SopDefinition>> BuiltIn = new(LoadBuiltIn);

    /// <summary>The four seed templates shipped with DocSign, by key (kanigaran, candipuro, lumajang, pronojiwo).</summary>
    public static IReadOnlyDictionary<string, SopDefinition> Templates => BuiltIn.Value;

    /// <summary>The built-in template with this key, or null.</summary>
    public static SopDefinition? Find(string? key) =>
        key is not null && Templates.TryGetValue(key, out var sop) ? sop : null;

    /// <summary>Parses and validates one template; throws <see cref="SopTemplateException"/> naming <paramref name="origin"/>.</summary>
    public static SopDefinition Parse(string json, string origin)
    {
        TemplateFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TemplateFile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new SopTemplateException($"SOP template {origin}: not valid template JSON ({e.Message})", e);
        }
        if (file is null) throw new SopTemplateException($"SOP template {origin}: empty file");
        return Validate(file, origin);
    }

    private static readonly JsonSerializerOptions WriteJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>
    /// Writes a SOP in the template format (what <see cref="Parse"/> reads back to an equal definition): an office's
    /// own version is stored so, and read again through the same validation.
    /// </summary>
    public static string Write(SopDefinition sop)
    {
        var h = sop.Header;
        var file = new TemplateFile
        {
            Key = sop.Key,
            Office = sop.Office,
            Source = sop.Source,
            Origin = sop.Origin is { } o ? new OriginEntry { TemplateKey = o.TemplateKey, TemplateNumber = o.TemplateNumber, FromKey = o.FromKey } : null,
            Sop = new SopHeaderEntry
            {
                Number = sop.Number,
                Name = sop.Name,
                CreatedOn = sop.CreatedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                RevisedOn = sop.RevisedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ApprovedOn = sop.ApprovedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                EffectiveOn = sop.EffectiveOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ApprovedBy = h.Approver is null ? sop.ApprovedBy : null,
                Government = h.Government,
                Unit = h.Unit,
                Approver = h.Approver is { } a ? new ApproverEntry { Jabatan = a.Jabatan, Office = a.Office, AsWritten = a.AsWritten, Note = a.Note } : null,
                AsWritten = h.AsWritten.Count == 0 ? null : new Dictionary<string, string>(h.AsWritten),
                Sections = h.Sections.Count == 0 ? null : h.Sections.Select(x => new SectionEntry { Key = x.Key, TitleAsWritten = x.TitleAsWritten, Items = x.Items.ToList() }).ToList(),
                Slips = h.Slips.Count == 0 ? null : h.Slips.Select(x => new SlipEntry { Where = x.Where, Written = x.Written, Note = x.Note }).ToList(),
            },
            DocumentKinds = sop.DocumentKinds.ToList(),
            Roles = sop.Roles.Select(r => new RoleEntry { Name = r.Name, Description = r.Description, DefaultOfficeRoles = r.DefaultOfficeRoles.ToList(), Added = r.Added }).ToList(),
            Steps = sop.Steps.Select(x => new StepEntry
            {
                Id = x.Id,
                Number = x.Number,
                Text = x.Text,
                Roles = x.Roles.ToList(),
                Actions = x.Actions.ToList(),
                Kelengkapan = x.Kelengkapan,
                Waktu = x.SuggestedWaktu ?? x.WaktuRaw,
                WaktuAdded = x.SuggestedWaktu is not null,
                Output = x.Output,
                Added = x.Added,
                Remark = x.Remark,
                Actor = x.Actor is { } ac ? new ActorEntry { Source = ac.Wire, Reason = ac.Reason } : null,
                AsWritten = x.AsWritten.Count == 0 ? null : new Dictionary<string, string>(x.AsWritten),
                Keterangan = x.Keterangan,
            }).ToList(),
        };
        return JsonSerializer.Serialize(file, WriteJson);
    }

    private static IReadOnlyDictionary<string, SopDefinition> LoadBuiltIn()
    {
        var assembly = typeof(SopTemplateLoader).Assembly;
        var result = new Dictionary<string, SopDefinition>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var sop = Parse(reader.ReadToEnd(), name[ResourcePrefix.Length..]);
            if (!result.TryAdd(sop.Key, sop))
                throw new SopTemplateException($"SOP template {name}: key '{sop.Key}' is used by another template");
        }
        return result;
    }

    private static SopDefinition Validate(TemplateFile f, string origin)
    {
        string Fail(string what) => throw new SopTemplateException($"SOP template {origin}: {what}");

        var key = Required(f.Key, "key", origin);
        if (!key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-') || key.Length > 64) Fail($"key '{key}' must be lower-case letters, digits and '-' (at most 64)");
        var sop = f.Sop ?? throw new SopTemplateException($"SOP template {origin}: 'sop' (number, name, dates) is missing");
        var number = Required(sop.Number, "sop.number", origin);
        var name = Required(sop.Name, "sop.name", origin);

        var roles = new List<SopRole>();
        foreach (var r in f.Roles ?? [])
        {
            var roleName = Required(r.Name, "roles[].name", origin);
            if (roles.Any(x => x.Name == roleName)) Fail($"role '{roleName}' is declared twice");
            var defaults = r.DefaultOfficeRoles ?? [];
            foreach (var d in defaults)
                if (!OfficeRole.IsKnown(d)) Fail($"role '{roleName}' maps to unknown office role '{d}' (known: {string.Join(", ", OfficeRole.All)})");
            roles.Add(new SopRole(roleName, r.Description, defaults, r.Added));
        }
        if (roles.Count == 0) Fail("no roles declared");

        var steps = new List<SopStep>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in f.Steps ?? [])
        {
            var id = Required(s.Id, "steps[].id", origin);
            var where = $"step '{id}'";
            if (!ids.Add(id)) Fail($"{where}: step id used twice");
            if (id.Length > 64) Fail($"{where}: id longer than 64 characters");
            if (s.Number != steps.Count + 1) Fail($"{where}: number {s.Number} out of order (expected {steps.Count + 1})");
            var text = Required(s.Text, $"{where}.text", origin);
            var stepRoles = s.Roles ?? [];
            if (stepRoles.Count == 0) Fail($"{where}: no acting role");
            foreach (var r in stepRoles)
                if (roles.All(x => x.Name != r)) Fail($"{where}: role '{r}' is not declared in 'roles'");
            var actions = s.Actions ?? [];
            if (actions.Count == 0) Fail($"{where}: no action kind");
            foreach (var a in actions)
                if (!WorkflowActions.All.Contains(a)) Fail($"{where}: unknown action kind '{a}' (known: {string.Join(", ", WorkflowActions.All.Order())})");
            TimeStandard? waktu = null;
            if (s.Waktu is null)
            {
                if (!s.Added) Fail($"{where}: Waktu is missing (only steps marked 'added' may have none)");
            }
            else
                // A Waktu the parser cannot read stays as written, without a deadline, and the SOP page flags it:
                // never a silent default.
                TimeStandard.TryParse(s.Waktu, out waktu);
            string? suggested = null;
            if (s.WaktuAdded)
            {
                // A time standard DocSign added (the SOP gives none): shown as a proposal, never counted for a deadline.
                if (waktu is null) Fail($"{where}: an added Waktu must be readable");
                suggested = s.Waktu;
                waktu = null;
            }
            steps.Add(new SopStep(id, s.Number, text, stepRoles, actions, s.Kelengkapan ?? "", s.WaktuAdded ? null : s.Waktu, waktu, s.Output ?? "", s.Added, s.Remark)
            {
                Actor = Actor(s.Actor, where, origin),
                AsWritten = Wording(s.AsWritten, ["text", "kelengkapan", "output"], where, origin),
                Keterangan = s.Keterangan,
                SuggestedWaktu = suggested,
            });
        }
        if (steps.Count == 0) Fail("no steps");
        var signs = steps.Count(x => x.IsSign);
        if (signs > 1) Fail("more than one sign step");
        var submitIndex = steps.FindIndex(x => x.IsSubmit);
        var signIndex = steps.FindIndex(x => x.IsSign);
        if (signs == 1 && (submitIndex < 0 || submitIndex != signIndex - 1))
            Fail("the sign step must directly follow a submit step (the final version is put to the Camat, then signed)");

        var kinds = (f.DocumentKinds ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
        if (kinds.Count == 0) Fail("documentKinds is empty");

        var header = Header(sop, origin);
        return new SopDefinition(key, f.Office ?? "", f.Source ?? "", number, name,
            Date(sop.CreatedOn, "sop.createdOn", origin), Date(sop.RevisedOn, "sop.revisedOn", origin),
            Date(sop.ApprovedOn, "sop.approvedOn", origin), Date(sop.EffectiveOn, "sop.effectiveOn", origin),
            header.Approver?.Display ?? sop.ApprovedBy, kinds, roles, steps)
        {
            Header = header,
            Origin = f.Origin is null ? null : new SopOrigin(Required(f.Origin.TemplateKey, "origin.templateKey", origin),
                Required(f.Origin.TemplateNumber, "origin.templateNumber", origin), f.Origin.FromKey),
        };
    }

    private static SopHeader Header(SopHeaderEntry sop, string origin)
    {
        string Fail(string what) => throw new SopTemplateException($"SOP template {origin}: {what}");
        var sections = new List<SopSection>();
        foreach (var e in sop.Sections ?? [])
        {
            var key = Required(e.Key, "sop.sections[].key", origin);
            var title = SopSections.TitleOf(key) ?? Fail($"unknown header section '{key}' (known: {string.Join(", ", SopSections.All.Select(x => x.Key))})");
            if (sections.Any(x => x.Key == key)) Fail($"header section '{key}' given twice");
            var items = (e.Items ?? []).Select(i => i?.Trim() ?? "").ToList();
            if (items.Count == 0 || items.Any(i => i.Length == 0)) Fail($"header section '{key}' has an empty item");
            sections.Add(new SopSection(key, title, e.TitleAsWritten, items));
        }
        // Keep the sections in the SOP's own order (Dasar Hukum first ... Pencatatan last).
        sections = sections.OrderBy(x => SopSections.All.ToList().FindIndex(a => a.Key == x.Key)).ToList();
        SopApprover? approver = sop.Approver is null ? null : new SopApprover(Blank(sop.Approver.Jabatan), Blank(sop.Approver.Office), Blank(sop.Approver.AsWritten), Blank(sop.Approver.Note));
        if (approver is { Jabatan: null, Office: null, Note: null }) Fail("sop.approver gives neither jabatan nor office: say why in 'note'");
        var slips = new List<SopSlip>();
        foreach (var e in sop.Slips ?? [])
        {
            var where = Required(e.Where, "sop.slips[].where", origin);
            var parts = where.Split(':');
            var known = where is "approver" or "unit" or "name"
                || (parts.Length == 2 && sections.FirstOrDefault(x => x.Key == parts[0]) is { } section
                    && (parts[1] == "title" || (int.TryParse(parts[1], out var n) && n >= 1 && n <= section.Items.Count)));
            if (!known) Fail($"slip at '{where}' points at nothing (use approver, unit, name, <section>:title or <section>:<item number>)");
            slips.Add(new SopSlip(where, Required(e.Written, "sop.slips[].written", origin), Required(e.Note, "sop.slips[].note", origin)));
        }
        return new SopHeader(Blank(sop.Government), Blank(sop.Unit), approver,
            Wording(sop.AsWritten, ["number", "name", "createdOn", "revisedOn", "approvedOn", "effectiveOn", "unit"], "sop", origin), sections, slips);
    }

    private static SopActor? Actor(ActorEntry? e, string where, string origin)
    {
        if (e is null) return null;
        var source = e.Source switch
        {
            "text" => ActorSource.Text,
            "inferred" => ActorSource.Inferred,
            "office" => ActorSource.Office,
            _ => throw new SopTemplateException($"SOP template {origin}: {where}: actor.source must be text, inferred or office, not '{e.Source}'"),
        };
        return new SopActor(source, Required(e.Reason, $"{where}.actor.reason", origin));
    }

    private static IReadOnlyDictionary<string, string> Wording(Dictionary<string, string>? given, string[] keys, string where, string origin)
    {
        if (given is null || given.Count == 0) return SopHeader.NoWording;
        foreach (var (k, v) in given)
            if (!keys.Contains(k) || string.IsNullOrWhiteSpace(v))
                throw new SopTemplateException($"SOP template {origin}: {where}.asWritten: '{k}' is not one of {string.Join(", ", keys)} or is empty");
        return new Dictionary<string, string>(given);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Required(string? value, string field, string origin) =>
        string.IsNullOrWhiteSpace(value) ? throw new SopTemplateException($"SOP template {origin}: '{field}' is missing") : value.Trim();

    private static DateOnly? Date(string? value, string field, string origin)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new SopTemplateException($"SOP template {origin}: '{field}' must be a date like 2024-01-17, not '{value}'");
    }

    private sealed class TemplateFile
    {
        public string? Key { get; set; }
        public string? Office { get; set; }
        public string? Source { get; set; }
        public SopHeaderEntry? Sop { get; set; }
        public OriginEntry? Origin { get; set; }
        public List<string>? DocumentKinds { get; set; }
        public List<RoleEntry>? Roles { get; set; }
        public List<StepEntry>? Steps { get; set; }
    }

    private sealed class SopHeaderEntry
    {
        public string? Number { get; set; }
        public string? Name { get; set; }
        public string? CreatedOn { get; set; }
        public string? RevisedOn { get; set; }
        public string? ApprovedOn { get; set; }
        public string? EffectiveOn { get; set; }
        public string? ApprovedBy { get; set; }
        public string? Government { get; set; }
        public string? Unit { get; set; }
        public ApproverEntry? Approver { get; set; }
        public Dictionary<string, string>? AsWritten { get; set; }
        public List<SectionEntry>? Sections { get; set; }
        public List<SlipEntry>? Slips { get; set; }
    }

    private sealed class ApproverEntry
    {
        public string? Jabatan { get; set; }
        public string? Office { get; set; }
        public string? AsWritten { get; set; }
        public string? Note { get; set; }
    }

    private sealed class SectionEntry
    {
        public string? Key { get; set; }
        public string? TitleAsWritten { get; set; }
        public List<string>? Items { get; set; }
    }

    private sealed class SlipEntry
    {
        public string? Where { get; set; }
        public string? Written { get; set; }
        public string? Note { get; set; }
    }

    private sealed class ActorEntry
    {
        public string? Source { get; set; }
        public string? Reason { get; set; }
    }

    private sealed class OriginEntry
    {
        public string? TemplateKey { get; set; }
        public string? TemplateNumber { get; set; }
        public string? FromKey { get; set; }
    }

    private sealed class RoleEntry
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public List<string>? DefaultOfficeRoles { get; set; }
        public bool Added { get; set; }
    }

    private sealed class StepEntry
    {
        public string? Id { get; set; }
        public int Number { get; set; }
        public string? Text { get; set; }
        public List<string>? Roles { get; set; }
        public List<string>? Actions { get; set; }
        public string? Kelengkapan { get; set; }
        public string? Waktu { get; set; }
        public string? Output { get; set; }
        public bool Added { get; set; }
        public string? Remark { get; set; }
        public ActorEntry? Actor { get; set; }
        public Dictionary<string, string>? AsWritten { get; set; }
        public string? Keterangan { get; set; }
        public bool WaktuAdded { get; set; }
    }
}
