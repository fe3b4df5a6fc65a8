using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Problems;
using DocSign.Core.Offices;

namespace DocSign.Core.Signing;

/// <summary>An office's signing rules as shown and changed: the level, whether a paraf comes first, and the service default.</summary>
public sealed record SigningSettings(string OfficeId, SignatureLevel Level, bool LevelIsDefault, bool ParafRequired, bool TimestampingAvailable);

public sealed record UpdateSigningSettingsRequest(string? Level, bool? ParafRequired);

/// <summary>Office members and admins read an office's signing rules; only an admin changes them.</summary>
public sealed class OfficeSigningSettingsHandler(ISignatureRecords records, ISignatureService engine, IAuditTrail audit, TimeProvider clock)
{
    public async Task<SigningSettings> GetAsync(Actor actor, string officeId, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        if (!(actor.IsAdministrator || actor.CanRead(officeId)) || await records.OfficeNameAsync(officeId, cancellationToken) is null)
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        return Describe(officeId, await records.FindPolicyAsync(officeId, cancellationToken));
    }

    public async Task<SigningSettings> UpdateAsync(Actor actor, string officeId, UpdateSigningSettingsRequest request, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        if (!(actor.IsAdministrator || actor.CanRead(officeId)) || await records.OfficeNameAsync(officeId, cancellationToken) is null)
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        if (!actor.IsAdministrator)
            throw DocSignProblem.Forbidden("Hanya admin yang dapat mengubah aturan penandatanganan kantor.");
        SignatureLevel? level = null;
        if (!string.IsNullOrWhiteSpace(request.Level) && request.Level.Trim().ToLowerInvariant() != "default")
        {
            if (!SigningTerms.TryParseLevel(request.Level, out var l))
                throw DocSignProblem.Invalid("Level harus salah satu dari: B-B, B-T, B-LT, B-LTA (atau 'default').");
            if (l.NeedsTimestamp() && !engine.TimestampingAvailable)
                throw DocSignProblem.Invalid($"Level {l.ToWire()} memerlukan layanan stempel waktu (TSA), yang belum dikonfigurasi di server ini.");
            level = l;
        }
        var policy = await records.FindPolicyAsync(officeId, cancellationToken) ?? new OfficeSigningPolicy(officeId);
        policy.Change(level, request.ParafRequired ?? policy.ParafRequired, actor.UserName, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = $"signing settings: level {level?.ToWire() ?? "default"}, paraf {(policy.ParafRequired ? "required" : "not required")}",
        });
        await records.SavePolicyAsync(policy, cancellationToken);
        return Describe(officeId, policy);
    }

    private SigningSettings Describe(string officeId, OfficeSigningPolicy? policy)
    {
        var fallback = engine.TimestampingAvailable ? SignatureLevel.BLTA : SignatureLevel.BB;
        return new SigningSettings(officeId, policy?.Level ?? fallback, policy?.Level is null, policy?.ParafRequired ?? false, engine.TimestampingAvailable);
    }
}
