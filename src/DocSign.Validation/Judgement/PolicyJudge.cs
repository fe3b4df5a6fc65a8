using DocSign.Validation.Crypto;

using DocSign.Validation.Evidence;

namespace DocSign.Validation.Judgement;

/// <summary>
/// What the facts mean under a <see cref="ValidationPolicy"/>: each finding is filtered and graded by its
/// <see cref="MessageKey"/> or by the kind of fact it is, never by its wording. The level reached is computed
/// on its own by <see cref="PadesLevels"/>.
/// </summary>
internal sealed class PolicyJudge(ValidationPolicy policy)
{
    private readonly ValidationPolicy _policy = policy;

    /// <summary>Records a finding the policy judges: the message (unless ignored) and, when the constraint fails, the status.</summary>
    private static void Constraint(SignatureResult r, ConstraintLevel level, ValidationStatus whenFailed, MessageKey key, params object?[] args)
    {
        if (level == ConstraintLevel.Ignore) return;
        var text = ValidationMessages.Text(key, args);
        if (!r.Messages.Contains(text)) r.Messages.Add(text);
        if (!r.MessageKeys.Contains(key)) r.MessageKeys.Add(key);
        if (level == ConstraintLevel.Fail) r.Status = r.Status.Then(whenFailed);
    }

    public void Judge(SignatureEvidence e, List<SignatureEvidence> all)
    {
        var policy = _policy;
        var r = e.Result;
        void Set(ValidationStatus s) => r.Status = r.Status.Then(s);
        var formatFailure = ValidationStatus.Failed(FailedSubIndication.FormatFailure);
        r.Status = ValidationStatus.Passed;
        var c = e.CmsCheck;
        if (!e.FormatOk || e.Cms is null || c is null) Set(formatFailure);
        else
        {
            if (c.FormatProblem) Set(formatFailure);
            if (c.SignerInfo is null) Set(formatFailure);
            else if (c.SignerCertificate is null) Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoSigningCertificateFound));
            else if (c.UnsupportedAlgorithm) Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.CryptoConstraintsFailure));
            else if (!c.DigestMatches) Set(ValidationStatus.Failed(FailedSubIndication.HashFailure));
            else if (!c.SignatureValid) Set(ValidationStatus.Failed(FailedSubIndication.SigCryptoFailure));
            if (e.Field.IsDocTimestamp && e.Timestamp is { } dts && !dts.ImprintMatches && c.SignatureValid)
                Set(ValidationStatus.Failed(FailedSubIndication.HashFailure));
            if (e.Field.IsDocTimestamp && e.Timestamp is { HasTimestampingEku: false } && c.SignerCertificate is not null)
                Constraint(r, policy.DocumentTimestampWithoutTimestampingUsage, ValidationStatus.Indeterminate(IndeterminateSubIndication.ChainConstraintsFailure), MessageKey.DocumentTimestampWithoutTimestampingUsage);
            if (c.WeakAlgorithm || (e.Field.IsDocTimestamp && e.Timestamp is { WeakAlgorithm: true }))
            {
                Constraint(r, policy.WeakAlgorithm, ValidationStatus.Indeterminate(IndeterminateSubIndication.CryptoConstraintsFailure), MessageKey.WeakAlgorithm);
                if (policy.WeakAlgorithm != ConstraintLevel.Ignore)
                    foreach (var p in c.WeakAlgorithmProblems.Concat(e.Timestamp?.WeakAlgorithmProblems ?? []))
                        if (!r.Messages.Contains(p)) r.Messages.Add(p);
            }
            if (!e.Field.IsDocTimestamp)
            {
                switch (c.Binding)
                {
                    case CertBinding.Mismatch:
                    case CertBinding.Unreadable:
                        Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoSigningCertificateFound));
                        break;
                    case CertBinding.Missing when e.Field.SubFilter == "ETSI.CAdES.detached":
                        Constraint(r, policy.MissingSigningCertificateAttribute, ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure), MessageKey.MissingSigningCertificateAttribute);
                        break;
                }
                // Judged by the same rules as any signature (digest over the signed bytes, algorithm policy, chain);
                // said once so the reader knows its only time is a proven one or none.
                if (c.NoSignedAttributes && c.SignatureValid)
                    Constraint(r, ConstraintLevel.Warn, default, MessageKey.NoSignedAttributes);
                if (e.Timestamp is { } ts && !ts.CryptoValid)
                    Constraint(r, policy.InvalidSignatureTimestamp, ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure), MessageKey.InvalidSignatureTimestamp);
            }
        }
        // Changes after signing.
        if (e.Mods is { } mods)
        {
            // The certification in force for this signature: its own, or an earlier signature's.
            var certP = all.Where(x => x.Field.DocMdpP is not null && x.Field.Revision <= e.Field.Revision).Select(x => x.Field.DocMdpP).FirstOrDefault();
            // Comments (markup annotations) are judged apart where they are permitted: DocMDP P=3 or the policy.
            bool commentsAllowed = certP == 3 || policy.CommentsAfterSigning;
            var judged = commentsAllowed ? mods.LevelWithoutComments : mods.Level;
            bool disallowed = policy.Modifications.Disallows(judged);
            foreach (var m in mods.Findings)
            {
                if (commentsAllowed && mods.CommentFindings.Contains(m)) continue;
                r.Messages.Add(ValidationMessages.Text(MessageKey.DisallowedModification, m));
                if (!r.MessageKeys.Contains(MessageKey.DisallowedModification)) r.MessageKeys.Add(MessageKey.DisallowedModification);
            }
            if (disallowed) Set(formatFailure);
            // A certification allowing no changes is broken by anything beyond validation data and timestamps.
            if (!disallowed && e.Field.DocMdpP == 1 && mods.Level > ModificationLevel.LtaUpdates)
            {
                Constraint(r, policy.ChangeAfterNoChangesCertification, formatFailure, MessageKey.ChangedAfterNoChangesCertification);
                disallowed = policy.ChangeAfterNoChangesCertification == ConstraintLevel.Fail;
            }
            r.DisallowedModification = disallowed;
            // Filling in form fields is allowed by a certification with P=2 or 3; otherwise the page now shows
            // values the signer did not see: not an attack on the signature, but not VALID either (by default).
            if (!disallowed && mods.FormFieldsFilled && certP is not (2 or 3))
                Constraint(r, policy.FormFillingAfterApproval, ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure), MessageKey.FormFilledAfterSigning);
            var allowed = mods.ListedAllowedChanges.Concat(commentsAllowed ? mods.CommentFindings : []).ToList();
            if (allowed.Count > 0 && !policy.Modifications.Disallows(judged))
                r.Messages.Add(ValidationMessages.Text(MessageKey.AllowedModifications, string.Join(", ", allowed)));
        }
        // Chain.
        if (e.Chain is { } chain)
        {
            foreach (var m in chain.Messages) if (!r.Messages.Contains(m)) r.Messages.Add(m);
            foreach (var k in chain.MessageKeys) if (!r.MessageKeys.Contains(k)) r.MessageKeys.Add(k);
            Set(chain.Status);
            r.ChainTrusted = chain.Trusted;
            r.RevocationSource ??= chain.RevocationSource;
        }
        else if (r.Indication == Indication.TotalPassed)
        {
            Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoCertificateChainFound));
        }
        if (e.Field.IsDocTimestamp) return;
        // /M is the signer's own claim: shown, never used as proof. Say so when it contradicts the proven facts.
        if (r.ClaimedSigningTime is { } claimed && policy.ClaimedTimeInconsistent != ConstraintLevel.Ignore)
        {
            if (r.TimestampTime is { } tst && e.Timestamp is { CryptoValid: true } && claimed > tst.AddMinutes(5))
                Constraint(r, ConstraintLevel.Warn, default, MessageKey.ClaimedTimeAfterTimestamp, claimed, tst);
            if (c?.SignerCertificate is { } signerCert && (claimed < signerCert.NotBefore.ToUniversalTime() || claimed > signerCert.NotAfter.ToUniversalTime()))
                Constraint(r, ConstraintLevel.Warn, default, MessageKey.ClaimedTimeOutsideCertificate, claimed);
        }
    }

    public static void Verdict(VerificationReport report)
    {
        var all = report.AllEntries.ToList();
        MessageKey key;
        if (all.Any(s => s.Indication == Indication.TotalFailed)) { report.Verdict = Validation.Verdict.Invalid; key = MessageKey.VerdictInvalid; }
        else if (report.Signatures.Count == 0) { report.Verdict = Validation.Verdict.Indeterminate; key = MessageKey.VerdictOnlyDocumentTimestamps; }
        else if (all.Any(s => s.Indication == Indication.Indeterminate) || all.Any(s => s.DisallowedModification)) { report.Verdict = Validation.Verdict.Indeterminate; key = MessageKey.VerdictIndeterminate; }
        else { report.Verdict = Validation.Verdict.Valid; key = MessageKey.VerdictValid; }
        report.Messages.Add(ValidationMessages.Text(key));
    }
}
