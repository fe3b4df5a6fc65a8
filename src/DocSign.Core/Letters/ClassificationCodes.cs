using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Letters;

/// <summary>One kode klasifikasi arsip: the national list's (<see cref="Local"/> false) or an office's own.</summary>
public sealed record ClassificationCode(string Code, string Title, bool Local);

/// <summary>
/// The national list of classification codes (Permendagri 83/2022), shipped inside the assembly as data
/// (<c>Letters/Data/klasifikasi-arsip-2022.tsv</c>, which says what it includes and where it comes from).
/// </summary>
public static class ClassificationList
{
    private static readonly Lazy<IReadOnlyDictionary<string, ClassificationCode>> Codes = new(Load);

    /// <summary>Every code of the list, in list order.</summary>
    public static IReadOnlyCollection<ClassificationCode> All => Codes.Value.Values.ToList();

    public static ClassificationCode? Find(string code) => Codes.Value.GetValueOrDefault(code.Trim());

    private static IReadOnlyDictionary<string, ClassificationCode> Load()
    {
        using var stream = typeof(ClassificationList).Assembly.GetManifestResourceStream("DocSign.Core.Letters.Data.klasifikasi-arsip-2022.tsv")
            ?? throw new InvalidOperationException("The classification list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var codes = new Dictionary<string, ClassificationCode>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) throw new InvalidOperationException($"Bad line in the classification list: {line}");
            var code = line[..tab].Trim();
            if (!Letter.IsClassification(code)) throw new InvalidOperationException($"Bad code in the classification list: {code}");
            codes.Add(code, new ClassificationCode(code, line[(tab + 1)..].Trim(), false));
        }
        return codes;
    }
}

/// <summary>A classification code an office added for itself (a local subdivision, or one the shipped list lacks).</summary>
public sealed class LocalClassificationCode
{
    public const int MaxTitleLength = 300;

    private LocalClassificationCode() { }

    public LocalClassificationCode(Guid id, string officeId, string code, string title, string addedBy, DateTimeOffset addedAt)
    {
        Id = id;
        OfficeId = officeId;
        Code = code;
        Title = title;
        AddedBy = addedBy;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string AddedBy { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>Offices' local classification codes (the database).</summary>
public interface ILocalClassificationCodes
{
    Task<IReadOnlyList<LocalClassificationCode>> ListAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new local code together with staged audit events.</summary>
    Task AddAsync(LocalClassificationCode code, CancellationToken cancellationToken = default);
}

/// <summary>
/// The codes an office may number with: the national list plus the office's local codes. Used by the letter form's
/// search, and by every path that takes a number (a code outside both is refused before anything is stored).
/// </summary>
public sealed class ClassificationCatalogue(ILocalClassificationCodes local)
{
    public async Task<ClassificationCode?> FindAsync(string officeId, string code, CancellationToken cancellationToken = default)
    {
        code = code.Trim();
        if (ClassificationList.Find(code) is { } national) return national;
        var mine = await LetterAccess.Guard(() => local.ListAsync(officeId, cancellationToken));
        return mine.Where(c => c.Code == code).Select(c => new ClassificationCode(c.Code, c.Title, true)).FirstOrDefault();
    }

    /// <summary>The code, checked; a code outside the list is refused with a message that says where to find one.</summary>
    public async Task<ClassificationCode> RequireAsync(string officeId, string? code, CancellationToken cancellationToken = default)
    {
        code = code?.Trim() ?? "";
        if (!Letter.IsClassification(code))
            throw DocSignProblem.Invalid("Kode klasifikasi hanya berisi angka dan titik, misalnya 000.8.3.3.");
        return await FindAsync(officeId, code, cancellationToken)
            ?? throw DocSignProblem.Invalid($"Kode klasifikasi {code} tidak ada dalam daftar kode klasifikasi arsip (Permendagri 83/2022) maupun kode lokal kantor ini. " +
                "Pilih kode dari daftar (cari dengan kata kunci, misalnya \"kinerja\" untuk 000.8.6.3); kode lama seperti 065 tidak berlaku lagi. Tidak ada nomor yang diambil.");
    }

    /// <summary>Codes whose code starts with, or whose title contains, <paramref name="query"/>; local codes first.</summary>
    public async Task<IReadOnlyList<ClassificationCode>> SearchAsync(string officeId, string? query, int max, CancellationToken cancellationToken = default)
    {
        var q = query?.Trim() ?? "";
        var mine = (await LetterAccess.Guard(() => local.ListAsync(officeId, cancellationToken))).Select(c => new ClassificationCode(c.Code, c.Title, true));
        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Matches(ClassificationCode c) => q.Length == 0 || c.Code.StartsWith(q, StringComparison.Ordinal)
            || words.All(w => c.Title.Contains(w, StringComparison.OrdinalIgnoreCase));
        return mine.Concat(ClassificationList.All).Where(Matches).Take(Math.Clamp(max, 1, 100)).ToList();
    }
}

/// <summary>
/// Office members search the codes (the letter form's typeahead); an admin adds an office's local code. A local
/// code may not repeat a national or an existing local code.
/// </summary>
public sealed class ClassificationCodesHandler(ClassificationCatalogue catalogue, ILocalClassificationCodes local, IDocumentRepository documents,
    IAuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ClassificationCode>> SearchAsync(Actor actor, string officeId, string? query, CancellationToken cancellationToken = default)
    {
        officeId = await VisibleOfficeAsync(actor, officeId, cancellationToken);
        return await catalogue.SearchAsync(officeId, query, 30, cancellationToken);
    }

    public async Task<ClassificationCode> AddLocalAsync(Actor actor, string officeId, string? code, string? title, CancellationToken cancellationToken = default)
    {
        officeId = await VisibleOfficeAsync(actor, officeId, cancellationToken);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat menambah kode klasifikasi lokal kantor.");
        code = code?.Trim() ?? "";
        title = title?.Trim() ?? "";
        if (!Letter.IsClassification(code) || code.StartsWith('.') || code.EndsWith('.') || code.Contains("..", StringComparison.Ordinal))
            throw DocSignProblem.Invalid("Kode klasifikasi lokal hanya berisi angka dan titik, misalnya 000.8.6.3.1.");
        if (title.Length == 0) throw DocSignProblem.Invalid("Isi uraian (title) kode klasifikasi lokal.");
        if (title.Length > LocalClassificationCode.MaxTitleLength)
            throw DocSignProblem.Invalid($"Uraian terlalu panjang; paling banyak {LocalClassificationCode.MaxTitleLength} karakter.");
        if (await catalogue.FindAsync(officeId, code, cancellationToken) is { } existing)
            throw new DocSignProblem(ProblemKind.Conflict, $"Kode {code} sudah ada ({existing.Title}); tidak ada yang diubah.");
        var row = new LocalClassificationCode(Guid.NewGuid(), officeId, code, title, actor.UserName, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.AdminChange) { OfficeId = officeId, Detail = $"local classification code added: {code}" });
        await LetterAccess.Guard(async () => { await local.AddAsync(row, cancellationToken); return true; });
        return new ClassificationCode(code, title, true);
    }

    private Task<string> VisibleOfficeAsync(Actor actor, string officeId, CancellationToken cancellationToken) =>
        LetterAccess.VisibleOfficeAsync(actor, officeId, documents, cancellationToken);
}
