namespace DocSign.Validation;

/// <summary>Sub-indications that may accompany TOTAL_FAILED (ETSI EN 319 102-1, clause 5.1.3).</summary>
public enum FailedSubIndication
{
    /// <summary>Malformed signature or PDF structure, or a change after signing that the policy does not allow.</summary>
    FormatFailure,
    /// <summary>The digest over the signed bytes differs from the signed one.</summary>
    HashFailure,
    /// <summary>The signature value does not verify with the signer's key.</summary>
    SigCryptoFailure,
    /// <summary>The certificate was revoked before the proven signing time.</summary>
    Revoked,
}

/// <summary>Sub-indications that may accompany INDETERMINATE (ETSI EN 319 102-1, clause 5.1.3).</summary>
public enum IndeterminateSubIndication
{
    /// <summary>No path from the signer's certificate to a configured anchor.</summary>
    NoCertificateChainFound,
    /// <summary>The signer's certificate is missing or does not match the signing-certificate attribute.</summary>
    NoSigningCertificateFound,
    /// <summary>Outside the validity period and no proof the signature existed while the certificate was valid.</summary>
    OutOfBoundsNoPoe,
    /// <summary>Outside the validity period, though not revoked.</summary>
    OutOfBoundsNotRevoked,
    /// <summary>Revoked, with no proof the signature existed before the revocation.</summary>
    RevokedNoPoe,
    /// <summary>Revocation status could not be established.</summary>
    TryLater,
    /// <summary>A signature constraint of the validation policy is not met.</summary>
    SigConstraintsFailure,
    /// <summary>A certificate in the path may not be used this way.</summary>
    ChainConstraintsFailure,
    /// <summary>An algorithm is too weak or not supported.</summary>
    CryptoConstraintsFailure,
    /// <summary>No proof of existence.</summary>
    NoPoe,
    /// <summary>The signed data cannot be found.</summary>
    SignedDataNotFound,
}

/// <summary>
/// An ETSI indication with its sub-indication. It can only be made through <see cref="Passed"/>,
/// <see cref="Failed"/> and <see cref="Indeterminate"/>, each taking only the sub-indications the standard
/// allows with that indication, so a pair such as TOTAL_PASSED with HASH_FAILURE cannot exist.
/// </summary>
public readonly record struct ValidationStatus
{
    private ValidationStatus(Indication indication, SubIndication subIndication)
    {
        Indication = indication;
        SubIndication = subIndication;
    }

    /// <summary>The main indication.</summary>
    public Indication Indication { get; }

    /// <summary>The sub-indication (<see cref="SubIndication.None"/> exactly when TOTAL_PASSED).</summary>
    public SubIndication SubIndication { get; }

    /// <summary>TOTAL_PASSED, without sub-indication.</summary>
    public static ValidationStatus Passed => default;

    /// <summary>TOTAL_FAILED with the given reason.</summary>
    public static ValidationStatus Failed(FailedSubIndication reason) => new(Indication.TotalFailed, reason switch
    {
        FailedSubIndication.FormatFailure => SubIndication.FormatFailure,
        FailedSubIndication.HashFailure => SubIndication.HashFailure,
        FailedSubIndication.SigCryptoFailure => SubIndication.SigCryptoFailure,
        FailedSubIndication.Revoked => SubIndication.Revoked,
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    });

    /// <summary>INDETERMINATE with the given reason.</summary>
    public static ValidationStatus Indeterminate(IndeterminateSubIndication reason) => new(Indication.Indeterminate, reason switch
    {
        IndeterminateSubIndication.NoCertificateChainFound => SubIndication.NoCertificateChainFound,
        IndeterminateSubIndication.NoSigningCertificateFound => SubIndication.NoSigningCertificateFound,
        IndeterminateSubIndication.OutOfBoundsNoPoe => SubIndication.OutOfBoundsNoPoe,
        IndeterminateSubIndication.OutOfBoundsNotRevoked => SubIndication.OutOfBoundsNotRevoked,
        IndeterminateSubIndication.RevokedNoPoe => SubIndication.RevokedNoPoe,
        IndeterminateSubIndication.TryLater => SubIndication.TryLater,
        IndeterminateSubIndication.SigConstraintsFailure => SubIndication.SigConstraintsFailure,
        IndeterminateSubIndication.ChainConstraintsFailure => SubIndication.ChainConstraintsFailure,
        IndeterminateSubIndication.CryptoConstraintsFailure => SubIndication.CryptoConstraintsFailure,
        IndeterminateSubIndication.NoPoe => SubIndication.NoPoe,
        IndeterminateSubIndication.SignedDataNotFound => SubIndication.SignedDataNotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    });

    /// <summary>
    /// The status after also finding <paramref name="next"/>: a failure outranks an indeterminate result, an
    /// indeterminate result outranks a pass, and within one rank the first reason found is kept (it is the cause;
    /// later ones are usually its consequences).
    /// </summary>
    public ValidationStatus Then(ValidationStatus next)
    {
        if (Indication == Indication.TotalFailed) return this;
        if (Indication == Indication.Indeterminate && next.Indication != Indication.TotalFailed) return this;
        return next.Indication == Indication.TotalPassed ? this : next;
    }

    /// <inheritdoc/>
    public override string ToString() => SubIndication == SubIndication.None ? Indication.ToString() : $"{Indication}/{SubIndication}";
}
