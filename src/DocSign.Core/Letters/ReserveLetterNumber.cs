using DocSign.Core.Text;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>
/// What the Kasubag Umum asks for. <paramref name="InsertAfter"/> with <paramref name="InsertReason"/> and a past
/// <paramref name="Date"/> asks for a nomor sisipan (17.1 / 17a after 17) for a backdated letter.
/// </summary>
public sealed record ReserveLetterNumberRequest(
    string OfficeId, string? Classification, string? Subject, string? Sifat = null, string? Addressee = null,
    string? IdempotencyKey = null, int? InsertAfter = null, string? InsertReason = null, DateOnly? Date = null, string? Urgency = null);

/// <summary>The letter and whether this call took its number (false: an earlier call with the same key did).</summary>
public sealed record ReservedLetter(Letter Letter, bool Created);

/// <summary>
/// Takes the next number of an office's register for a letter written outside DocSign
/// (<c>POST /api/offices/{office}/letter-numbers</c>), or a nomor sisipan. Only that office's Kasubag Umum.
/// </summary>
public sealed class ReserveLetterNumberHandler(
    ILetterRegister register,
    IDocumentRepository documents,
    TimeProvider clock,
    ILogger<ReserveLetterNumberHandler> logger,
    Microsoft.Extensions.Options.IOptions<LetterOptions> options,
    ClassificationCatalogue classifications)
{
    public async Task<ReservedLetter> HandleAsync(Actor actor, ReserveLetterNumberRequest request, CancellationToken cancellationToken = default)
    {
        var officeId = OfficeId.From(request.OfficeId);
        LetterAccess.RequireOfficeVisible(actor, officeId);
        // One read in the usual case: an office with a template exists; only without one is the office looked up.
        var template = await LetterAccess.Guard(() => register.FindTemplateAsync(officeId, cancellationToken));
        if (template is null && !await LetterAccess.Guard(() => documents.OfficeExistsAsync(officeId, cancellationToken)))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        if (!actor.HasRole(officeId, OfficeRole.KasubagUmum))
            throw DocSignProblem.Forbidden("Hanya Kasubag Umum kantor ini yang dapat mengambil nomor surat.").About(officeId);
        if (template is null)
            throw new DocSignProblem(ProblemKind.Conflict, "Kantor ini belum memiliki pola nomor surat; minta admin mengaturnya.");

        var classification = (await classifications.RequireAsync(officeId, Clean(request.Classification) ?? template.DefaultClassification, cancellationToken)).Code;
        var subject = Clean(request.Subject) ?? throw DocSignProblem.Invalid("Perihal (subject) wajib diisi.");
        if (subject.Length > Letter.MaxSubjectLength) throw DocSignProblem.Invalid($"Perihal terlalu panjang; paling banyak {Letter.MaxSubjectLength} karakter.");
        var (sifat, urgency) = LetterWords.SifatAndUrgency(request.Sifat, request.Urgency);
        var addressee = Clean(request.Addressee) ?? "";
        if (addressee.Length > Letter.MaxAddresseeLength) throw DocSignProblem.Invalid($"Alamat tujuan terlalu panjang; paling banyak {Letter.MaxAddresseeLength} karakter.");
        var key = Clean(request.IdempotencyKey);
        if (key is { Length: > Letter.MaxIdempotencyKeyLength } || (key is not null && !key.All(c => c is >= '!' and <= '~')))
            throw DocSignProblem.Invalid("Idempotency-Key paling banyak 128 karakter ASCII tanpa spasi.");
        // External keys live apart from the ones DocSign's own jobs use.
        var storedKey = key is null ? null : "api:" + key;

        var now = clock.GetUtcNow();
        var today = template.LocalDate(now);

        if (request.InsertAfter is { } after)
            return new ReservedLetter(await ReserveInsertAsync(actor, officeId, template, after, request, classification, subject, sifat, urgency, addressee, today, now, cancellationToken), true);
        if (request.Date is { } d && d != today)
            throw DocSignProblem.Invalid("Tanggal surat hanya boleh diisi untuk nomor sisipan (surat yang tanggalnya mundur).");

        var cap = options.Value.DailyReservationsPerUser;
        var quota = cap > 0 ? new ReservationQuota(actor.UserName, today, cap) : null;
        var (letter, created) = await LetterAccess.Guard(() => register.ReserveAsync(officeId, today.Year, storedKey, sequence =>
        {
            var number = NumberTemplate.Render(template.NumberPattern, classification, sequence, 0, template.InsertStyle, template.UnitCode, today);
            var l = new Letter(Guid.NewGuid(), officeId, today.Year, sequence, 0, number, today, classification, subject, sifat, addressee,
                LetterKinds.External, null, storedKey, null, actor.UserName, now, urgency);
            return new NumberedLetter(l, new AuditEvent(AuditActions.LetterNumbered) { OfficeId = officeId, Detail = $"{number}: {subject}" });
        }, cancellationToken, quota));
        if (created) logger.LogInformation("Letter number {Number} ({Sequence}) of {Office} taken by {User}", letter.Number, letter.Sequence, officeId, actor.UserName);
        else logger.LogInformation("Letter number request of {Office} replayed with its key: {Number}", officeId, letter.Number);
        return new ReservedLetter(letter, created);
    }

    private async Task<Letter> ReserveInsertAsync(Actor actor, string officeId, LetterTemplate template, int after, ReserveLetterNumberRequest request,
        string classification, string subject, string sifat, string urgency, string addressee, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reason = Clean(request.InsertReason) ?? throw DocSignProblem.Invalid("Nomor sisipan memerlukan alasan.");
        if (reason.Length > Letter.MaxReasonLength) throw DocSignProblem.Invalid($"Alasan terlalu panjang; paling banyak {Letter.MaxReasonLength} karakter.");
        var date = request.Date ?? throw DocSignProblem.Invalid("Nomor sisipan memerlukan tanggal surat (date) yang mundur.");
        if (date > today) throw DocSignProblem.Invalid("Tanggal surat sisipan tidak boleh di masa depan.");
        if (after < 1) throw DocSignProblem.Invalid("Nomor urut yang disisipi harus 1 atau lebih.");
        // Between its neighbours: not before the number it follows (or that number's earlier sisipan), not after the next number.
        var (notBefore, notAfter) = await LetterAccess.Guard(() => register.InsertBoundsAsync(officeId, date.Year, after, cancellationToken));
        if (notBefore is { } lo && date < lo)
            throw DocSignProblem.Invalid($"Tanggal surat sisipan ({IndonesianText.Date(date)}) lebih awal dari tanggal nomor urut {after} ({IndonesianText.Date(lo)}). " +
                $"Nomor sisipan harus bertanggal antara {IndonesianText.Date(lo)} dan {(notAfter is { } h ? IndonesianText.Date(h) : "hari ini")}. Tidak ada nomor yang diambil.");
        if (notAfter is { } hi && date > hi)
            throw DocSignProblem.Invalid($"Tanggal surat sisipan ({IndonesianText.Date(date)}) lebih akhir dari tanggal nomor urut berikutnya ({IndonesianText.Date(hi)}). " +
                $"Nomor sisipan harus bertanggal antara {(notBefore is { } l ? IndonesianText.Date(l) : "awal tahun")} dan {IndonesianText.Date(hi)}; untuk tanggal sesudahnya ambil nomor biasa. Tidak ada nomor yang diambil.");
        var letter = await LetterAccess.Guard(() => register.ReserveInsertAsync(officeId, date.Year, after, insert =>
        {
            var number = NumberTemplate.Render(template.NumberPattern, classification, after, insert, template.InsertStyle, template.UnitCode, date);
            var l = new Letter(Guid.NewGuid(), officeId, date.Year, after, insert, number, date, classification, subject, sifat, addressee,
                LetterKinds.External, null, null, reason, actor.UserName, now, urgency);
            return new NumberedLetter(l, new AuditEvent(AuditActions.LetterNumbered) { OfficeId = officeId, Detail = $"{number} (sisipan): {reason}" });
        }, cancellationToken));
        if (letter is null)
            throw DocSignProblem.Invalid($"Nomor urut {after} tahun {date.Year} belum pernah diberikan; nomor sisipan hanya menyisip setelah nomor yang sudah ada.");
        logger.LogInformation("Inserted letter number {Number} of {Office} taken by {User}", letter.Number, officeId, actor.UserName);
        return letter;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
