namespace DocSign.Validation;

/// <summary>Document verdict: VALID only when every signature passed and nothing after any signature changed what the signer saw.</summary>
public enum Verdict { Valid, Invalid, Indeterminate }

/// <summary>ETSI EN 319 102-1 main indication.</summary>
public enum Indication { TotalPassed, TotalFailed, Indeterminate }

/// <summary>ETSI EN 319 102-1 sub-indications used by DocSign (a subset of the standard's list).</summary>
public enum SubIndication
{
    None,
    // TOTAL_FAILED
    FormatFailure,
    HashFailure,
    SigCryptoFailure,
    Revoked,
    // INDETERMINATE
    NoCertificateChainFound,
    NoSigningCertificateFound,
    OutOfBoundsNoPoe,
    OutOfBoundsNotRevoked,
    RevokedNoPoe,
    TryLater,
    SigConstraintsFailure,
    ChainConstraintsFailure,
    CryptoConstraintsFailure,
    NoPoe,
    SignedDataNotFound,
}

/// <summary>PAdES baseline level reached by a signature.</summary>
public enum PadesLevelReached { BB, BT, BLT, BLTA }

/// <summary>How much of the file a signature's byte range covers.</summary>
public enum Coverage
{
    /// <summary>The byte range reaches the end of the file.</summary>
    EntireFile,
    /// <summary>The byte range reaches exactly the end of an earlier revision (later revisions follow).</summary>
    EntireRevision,
    /// <summary>The byte range ends somewhere else: not a whole revision.</summary>
    Partial,
}

/// <summary>The most serious kind of change made after a signature, as seen by the modification analysis.</summary>
public enum ModificationLevel
{
    /// <summary>No later revision.</summary>
    None,
    /// <summary>Only validation data (DSS) and document timestamps.</summary>
    LtaUpdates,
    /// <summary>Later signatures (their fields, widgets and dictionaries), plus LTA updates.</summary>
    FormFilling,
    /// <summary>Annotations were added or changed: they can draw over the page.</summary>
    Annotations,
    /// <summary>Anything else, including changes the analysis cannot explain.</summary>
    Other,
}

/// <summary>What kind of signature dictionary an entry describes.</summary>
public enum SignatureKind { Signature, DocumentTimestamp }
