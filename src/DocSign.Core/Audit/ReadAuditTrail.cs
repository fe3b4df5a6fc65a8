using System.Globalization;
using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Problems;

namespace DocSign.Core.Audit;

/// <summary>A page of an office's trail: the events, and whether more match beyond it.</summary>
public sealed record AuditPage(string OfficeId, AuditRange Range, IReadOnlyList<AuditRecord> Events, bool More);

/// <summary>
/// The one date rule of the audit screens and API: <c>from</c> and <c>to</c> are days (<c>2026-01-31</c>, UTC) or
/// instants (ISO 8601); a day in <c>to</c> takes in the whole day. Either may be left open.
/// </summary>
public sealed record AuditRange(DateTimeOffset? From, DateTimeOffset? Until)
{
    public static AuditRange Parse(string? from, string? to)
    {
        var start = ParseOne(from, "from", endOfDay: false);
        var end = ParseOne(to, "to", endOfDay: true);
        if (start is not null && end is not null && end <= start) throw DocSignProblem.Invalid("Tanggal 'to' tidak boleh sebelum tanggal 'from'.");
        return new AuditRange(start, end);
    }

    /// <summary>The start, or for <paramref name="endOfDay"/> the exclusive end (a day's end is the next day's start; an instant is included).</summary>
    private static DateTimeOffset? ParseOne(string? value, string name, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return endOfDay ? at.AddTicks(1) : at;
        throw DocSignProblem.Invalid($"Tanggal '{name}' harus berbentuk YYYY-MM-DD, misalnya 2026-01-31.");
    }
}

/// <summary>
/// An office's audit trail for the auditors assigned to it and the admin; anyone else gets 404 (an office's trail
/// is not theirs to know of). Reads one page (at most <c>limit</c> events) without loading the rest.
/// </summary>
public sealed class ReadAuditTrailHandler(IAuditTrailReader reader)
{
    public const int MaxPage = 10_000;

    public async Task<AuditPage> HandleAsync(Actor actor, string office, string? from, string? to, bool newestFirst, int limit,
        long? after = null, CancellationToken cancellationToken = default)
    {
        var officeId = OfficeId.From(office);
        if (!actor.IsAdministrator && !actor.AuditsOffice(officeId))
            throw DocSignProblem.NotFound("Jejak audit kantor ini tidak ditemukan atau bukan wewenang Anda.");
        var range = AuditRange.Parse(from, to);
        limit = Math.Clamp(limit, 1, MaxPage);
        var rows = await reader.ReadAsync(new AuditQuery(officeId, range.From, range.Until, newestFirst, limit + 1, after), cancellationToken);
        return new AuditPage(officeId, range, rows.Take(limit).ToList(), rows.Count > limit);
    }
}

/// <summary>The admin re-checks the whole chain; the answer names the first broken link.</summary>
public sealed class VerifyAuditChainHandler(IAuditChain chain)
{
    public async Task<AuditChainCheck> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat memeriksa seluruh rantai audit.");
        return await chain.VerifyAsync(cancellationToken);
    }
}
