namespace DocSign.Validation;

/// <summary>What a constraint of the <see cref="ValidationPolicy"/> does when it is not met (as EU DSS's policy levels).</summary>
public enum ConstraintLevel
{
    /// <summary>The signature gets the constraint's ETSI status; the message is reported.</summary>
    Fail,
    /// <summary>Reported as a message; the status is not affected.</summary>
    Warn,
    /// <summary>Not reported, not judged.</summary>
    Ignore,
}

/// <summary>
/// The judgements of a validation, as data: for each constraint DocSign checks, what an unmet constraint leads
/// to. The verifier gathers facts and asks this record what they mean, so a stricter or laxer office policy is a
/// different record, not a different verifier. <see cref="Default"/> is what DocSign has always applied.
/// </summary>
public sealed record ValidationPolicy
{
    /// <summary>DocSign's policy: every constraint fails, with the ETSI status named on each property.</summary>
    public static ValidationPolicy Default { get; } = new();

    /// <summary>Which changes after a signature are allowed and how they are graded.</summary>
    public ModificationPolicy Modifications { get; init; } = ModificationPolicy.Default;

    /// <summary>Form fields filled in after an approval signature (no certification with DocMDP P=2 or 3), the
    /// form's defaults (/DA, /DR, /NeedAppearances) included: the page shows values the signer did not see.
    /// Fail (DocSign's default): INDETERMINATE/SIG_CONSTRAINTS_FAILURE. EU DSS's default policy warns and passes;
    /// pyHanko accepts form filling where no certification forbids it (see README).</summary>
    public ConstraintLevel FormFillingAfterApproval { get; init; } = ConstraintLevel.Fail;

    /// <summary>Comments (markup annotations: notes, highlights, stamps, ink...) added, changed or removed after a
    /// signature are allowed even where no certification with DocMDP P=3 permits them. Default false: a comment
    /// after an approval signature is a change at ANNOTATIONS level, disallowed by the default modification policy.</summary>
    public bool CommentsAfterSigning { get; init; }

    /// <summary>Any change beyond DSS and document timestamps after a certification with DocMDP P=1.
    /// Fail: TOTAL_FAILED/FORMAT_FAILURE, as for a change the modification policy disallows.</summary>
    public ConstraintLevel ChangeAfterNoChangesCertification { get; init; } = ConstraintLevel.Fail;

    /// <summary>A weak or out-of-policy algorithm (see CryptoPolicy). Fail: INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE.</summary>
    public ConstraintLevel WeakAlgorithm { get; init; } = ConstraintLevel.Fail;

    /// <summary>A CAdES (ETSI.CAdES.detached) signature without signing-certificate-v2.
    /// Fail: INDETERMINATE/SIG_CONSTRAINTS_FAILURE.</summary>
    public ConstraintLevel MissingSigningCertificateAttribute { get; init; } = ConstraintLevel.Fail;

    /// <summary>A signature timestamp that does not verify. Fail: INDETERMINATE/SIG_CONSTRAINTS_FAILURE.</summary>
    public ConstraintLevel InvalidSignatureTimestamp { get; init; } = ConstraintLevel.Fail;

    /// <summary>A document timestamp from a certificate without the timeStamping usage.
    /// Fail: INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE.</summary>
    public ConstraintLevel DocumentTimestampWithoutTimestampingUsage { get; init; } = ConstraintLevel.Fail;

    /// <summary>Certificate policy OIDs (RFC 5280 user-initial-policy-set) one of which the signer's certification
    /// path must be valid for, explicitly, e.g. a national CA's policy for qualified signatures. Null or empty: any
    /// policy, and a path fails its policies only where its own CAs demand them (requireExplicitPolicy, inhibited
    /// mapping or anyPolicy). Unmet: INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE.</summary>
    public IReadOnlyList<string>? RequiredCertificatePolicies { get; init; }

    /// <summary>The signer's claimed time (/M) contradicting proven facts. Only ever a message: /M proves nothing,
    /// so it cannot make a signature fail; <see cref="ConstraintLevel.Ignore"/> drops the message.</summary>
    public ConstraintLevel ClaimedTimeInconsistent { get; init; } = ConstraintLevel.Warn;
}
