using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Offices;

namespace DocSign.Core.Letters;

/// <summary>
/// What an admin sets for an office's letters: the number pattern and the surat pengantar's fixed parts. A field
/// left null keeps its current value (or the default, for an office that has no template yet).
/// </summary>
public sealed record UpdateLetterTemplateRequest(
    string? NumberPattern = null, string? UnitCode = null, string? DefaultClassification = null, string? InsertStyle = null,
    string? TimeZone = null, string? Place = null, string? Letterhead = null, string? Addressee = null, string? Sifat = null,
    string? SenderAuthority = null, string? SenderTitle = null, string? SenderName = null, string? SenderNip = null,
    string? Signer = null, string? RetentionClass = null, int? RetentionYears = null,
    string? PaperSize = null, string? Telephone = null, string? Website = null, string? CarbonCopies = null, bool? AutoNumberOnSigning = null);

/// <summary>An office's letter template as shown: the template, or null when the office has none yet, and a sample number.</summary>
public sealed record OfficeLetterTemplate(string OfficeId, LetterTemplate? Template, string? SampleNumber);

/// <summary>
/// Office members and admins read an office's letter template; only an admin (the system admin or the office's own) sets it. Without one the office cannot
/// take numbers or make a surat pengantar, so this is how a new office starts numbering. Every field is checked
/// before anything is stored, and a change is recorded in the audit trail.
/// </summary>
public sealed class LetterTemplateHandler(ILetterRegister register, IDocumentRepository documents, IAuditTrail audit, TimeProvider clock,
    ClassificationCatalogue classifications)
{
    public static readonly IReadOnlyList<string> Authorities = ["", "a.n.", "Plt.", "Plh."];

    public async Task<OfficeLetterTemplate> GetAsync(Actor actor, string officeId, CancellationToken cancellationToken = default)
    {
        officeId = await VisibleOfficeAsync(actor, officeId, cancellationToken);
        var template = await LetterAccess.Guard(() => register.FindTemplateAsync(officeId, cancellationToken));
        return Describe(officeId, template);
    }

    public async Task<OfficeLetterTemplate> UpdateAsync(Actor actor, string officeId, UpdateLetterTemplateRequest request, CancellationToken cancellationToken = default)
    {
        officeId = await VisibleOfficeAsync(actor, officeId, cancellationToken);
        if (!actor.AdministersOffice(officeId))
            throw DocSignProblem.Forbidden("Hanya admin yang dapat mengubah pola nomor dan surat pengantar kantor.");
        var current = await LetterAccess.Guard(() => register.FindTemplateAsync(officeId, cancellationToken));
        var t = current ?? new LetterTemplate(officeId);

        var pattern = Text(request.NumberPattern, t.NumberPattern);
        if (NumberTemplate.Problem(pattern) is { } problem) throw DocSignProblem.Invalid(problem);
        var unit = Text(request.UnitCode, t.UnitCode);
        if (unit.Length > LetterTemplate.MaxUnitCodeLength || !unit.All(c => char.IsAsciiDigit(c) || c == '.'))
            throw DocSignProblem.Invalid("Kode unit hanya berisi angka dan titik, misalnya 427.83.");
        if (pattern.Contains("{unit}", StringComparison.Ordinal) && unit.Length == 0)
            throw DocSignProblem.Invalid("Pola nomor memuat {unit}; isi kode unit kantor.");
        var classification = Text(request.DefaultClassification, t.DefaultClassification);
        if (request.DefaultClassification is not null || current is null)
            classification = (await classifications.RequireAsync(officeId, classification, cancellationToken)).Code;
        if (!LetterWords.TryParseInsertStyle(Text(request.InsertStyle, t.InsertStyle.ToWire()), out var insertStyle))
            throw DocSignProblem.Invalid("Gaya nomor sisipan harus 'dot' (17.1) atau 'letter' (17a).");
        var zone = Text(request.TimeZone, t.TimeZone);
        if (zone.Length > LetterTemplate.MaxTimeZoneLength || LetterTemplate.FindZone(zone) is null)
            throw DocSignProblem.Invalid("Zona waktu tidak dikenal; gunakan Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).");
        var place = Limited(Text(request.Place, t.Place), LetterTemplate.MaxPlaceLength, "Tempat");
        var letterhead = Limited(Lines(request.Letterhead, t.Letterhead), LetterTemplate.MaxLetterheadLength, "Kop surat");
        if (letterhead.Split('\n').Length > 6) throw DocSignProblem.Invalid("Kop surat paling banyak 6 baris.");
        var addressee = Limited(Lines(request.Addressee, t.Addressee), Letter.MaxAddresseeLength, "Alamat tujuan");
        var sifat = LetterWords.SifatAndUrgency(Text(request.Sifat, t.Sifat), null).Sifat;
        if (!LetterWords.TryParsePaper(Text(request.PaperSize, t.PaperSize.ToWire()), out var paper))
            throw DocSignProblem.Invalid("Ukuran kertas harus A4 atau F4 (Folio, 215 × 330 mm).");
        var telephone = Limited(Text(request.Telephone, t.Telephone), LetterTemplate.MaxTelephoneLength, "Telepon");
        var website = Limited(Text(request.Website, t.Website), LetterTemplate.MaxWebsiteLength, "Laman");
        var carbonCopies = Limited(Lines(request.CarbonCopies, t.CarbonCopies), LetterTemplate.MaxCarbonCopiesLength, "Tembusan");
        if (carbonCopies.Split('\n').Length > 10) throw DocSignProblem.Invalid("Tembusan paling banyak 10 baris.");
        var authority = request.SenderAuthority is null ? t.SenderAuthority : request.SenderAuthority.Trim();
        authority = Authorities.FirstOrDefault(a => string.Equals(a, authority, StringComparison.OrdinalIgnoreCase))
            ?? throw DocSignProblem.Invalid("Kewenangan pengirim harus kosong, a.n., Plt. atau Plh.");
        var title = Limited(Lines(request.SenderTitle, t.SenderTitle), LetterTemplate.MaxSenderTitleLength, "Jabatan pengirim");
        var name = Limited(Text(request.SenderName, t.SenderName), LetterTemplate.MaxSenderNameLength, "Nama pengirim");
        var nip = Text(request.SenderNip, t.SenderNip).Replace(" ", "", StringComparison.Ordinal);
        if (nip.Length > 0 && !(nip.Length == 18 && nip.All(char.IsAsciiDigit))) throw DocSignProblem.Invalid("NIP terdiri dari 18 angka.");
        if (!LetterWords.TryParseSigner(Text(request.Signer, t.Signer.ToWire()), out var signer))
            throw DocSignProblem.Invalid("Penanda tangan surat pengantar harus 'seal' (segel elektronik kantor), 'camat' (Camat, bersama dokumennya) atau 'sekcam' (Sekretaris a.n. Camat).");
        var retentionClass = Limited(Text(request.RetentionClass, t.RetentionClass), LetterTemplate.MaxRetentionClassLength, "Kelas retensi");
        var years = request.RetentionYears ?? t.RetentionYears;
        if (years is < 1 or > 100) throw DocSignProblem.Invalid("Masa retensi antara 1 dan 100 tahun.");

        t.NumberPattern = pattern;
        t.UnitCode = unit;
        t.DefaultClassification = classification;
        t.InsertStyle = insertStyle;
        t.TimeZone = zone;
        t.Place = place;
        t.Letterhead = letterhead;
        t.Addressee = addressee;
        t.Sifat = sifat;
        t.PaperSize = paper;
        t.Telephone = telephone;
        t.Website = website;
        t.CarbonCopies = carbonCopies;
        t.SenderAuthority = authority;
        t.SenderTitle = title;
        t.SenderName = name;
        t.SenderNip = nip;
        t.Signer = signer;
        t.RetentionClass = retentionClass;
        t.RetentionYears = years;
        t.AutoNumberOnSigning = request.AutoNumberOnSigning ?? t.AutoNumberOnSigning;
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = $"letter template {(current is null ? "created" : "changed")}: pattern {pattern}, unit {unit}, signer {signer.ToWire()}, auto-number on signing {(t.AutoNumberOnSigning ? "on" : "off")}",
        });
        await LetterAccess.Guard(async () => { await register.SaveTemplateAsync(t, isNew: current is null, cancellationToken); return true; });
        return Describe(officeId, t);
    }

    private Task<string> VisibleOfficeAsync(Actor actor, string officeId, CancellationToken cancellationToken) =>
        LetterAccess.VisibleOfficeAsync(actor, officeId, documents, cancellationToken);

    private OfficeLetterTemplate Describe(string officeId, LetterTemplate? template)
    {
        if (template is null) return new OfficeLetterTemplate(officeId, null, null);
        var today = template.LocalDate(clock.GetUtcNow());
        return new OfficeLetterTemplate(officeId, template,
            NumberTemplate.Render(template.NumberPattern, template.DefaultClassification, 17, 0, template.InsertStyle, template.UnitCode, today));
    }

    private static string Text(string? value, string current) => value is null ? current : value.Trim();

    // Multi-line fields: each line trimmed, Windows line ends and empty lines dropped.
    private static string Lines(string? value, string current) => value is null ? current
        : string.Join('\n', value.Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string Limited(string value, int max, string label) =>
        value.Length <= max ? value : throw DocSignProblem.Invalid($"{label} terlalu panjang; paling banyak {max} karakter.");
}
