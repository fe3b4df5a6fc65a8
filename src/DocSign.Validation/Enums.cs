namespace DocSign.Validation;

/// <summary>Document verdict: VALID only when every signature passed and nothing after any signature changed what the signer saw.</summary>
public enum Verdict
{
    /// <summary>"VALID": every signature and document timestamp TOTAL_PASSED, no disallowed change.</summary>
    Valid,
    /// <summary>"INVALID": at least one TOTAL_FAILED (including a disallowed change after signing).</summary>
    Invalid,
    /// <summary>"INDETERMINATE": nothing failed, but something could not be established (chain, revocation, algorithm...).</summary>
    Indeterminate,
}

/// <summary>ETSI EN 319 102-1 main indication.</summary>
public enum Indication
{
    /// <summary>"TOTAL_PASSED".</summary>
    TotalPassed,
    /// <summary>"TOTAL_FAILED".</summary>
    TotalFailed,
    /// <summary>"INDETERMINATE".</summary>
    Indeterminate,
}

/// <summary>ETSI EN 319 102-1 sub-indications used by DocSign (a subset of the standard's list); JSON spelling is upper snake case.</summary>
public enum SubIndication
{
    /// <summary>No sub-indication (TOTAL_PASSED); null in JSON.</summary>
    None,
    /// <summary>TOTAL_FAILED: the signature or the PDF structure around it is malformed, or the document was changed in a way not allowed after signing.</summary>
    FormatFailure,
    /// <summary>TOTAL_FAILED: the digest over the byte range differs from the signed one.</summary>
    HashFailure,
    /// <summary>TOTAL_FAILED: the signature value does not verify with the signer's key.</summary>
    SigCryptoFailure,
    /// <summary>TOTAL_FAILED: the certificate was revoked before the (proven) signing time.</summary>
    Revoked,
    /// <summary>INDETERMINATE: no path from the signer's certificate to a configured anchor.</summary>
    NoCertificateChainFound,
    /// <summary>INDETERMINATE: the signer's certificate is missing or does not match the signing-certificate attribute.</summary>
    NoSigningCertificateFound,
    /// <summary>INDETERMINATE: a certificate is outside its validity period and nothing proves the signature existed while it was valid.</summary>
    OutOfBoundsNoPoe,
    /// <summary>INDETERMINATE: outside validity, though not revoked (reserved).</summary>
    OutOfBoundsNotRevoked,
    /// <summary>INDETERMINATE: revoked, and nothing proves the signature existed before the revocation.</summary>
    RevokedNoPoe,
    /// <summary>INDETERMINATE: revocation status could not be established (no OCSP/CRL usable); try again later or add validation data.</summary>
    TryLater,
    /// <summary>INDETERMINATE: a signature constraint is not met (missing signing-certificate-v2, broken signature timestamp, form fields filled after signing).</summary>
    SigConstraintsFailure,
    /// <summary>INDETERMINATE: a certificate in the path may not be used this way (key usage, basic constraints, EKU, unknown critical extension).</summary>
    ChainConstraintsFailure,
    /// <summary>INDETERMINATE: an algorithm is too weak (SHA-1, RSA &lt; 2048) or not supported.</summary>
    CryptoConstraintsFailure,
    /// <summary>INDETERMINATE: no proof of existence (reserved).</summary>
    NoPoe,
    /// <summary>INDETERMINATE: the signed data cannot be found (reserved).</summary>
    SignedDataNotFound,
}

/// <summary>PAdES baseline level a signature reaches ("B-B", "B-T", "B-LT", "B-LTA").</summary>
public enum PadesLevelReached
{
    /// <summary>"B-B": a CMS signature over the document.</summary>
    BB,
    /// <summary>"B-T": plus a sound signature timestamp (or a later document timestamp).</summary>
    BT,
    /// <summary>"B-LT": plus a later DSS holding revocation data for the signer.</summary>
    BLT,
    /// <summary>"B-LTA": plus a document timestamp after that DSS.</summary>
    BLTA,
}

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
    /// <summary>Later signatures (their fields, widgets and dictionaries) or form fields filled in, plus LTA updates.</summary>
    FormFilling,
    /// <summary>Annotations were added or changed: they can draw over the page.</summary>
    Annotations,
    /// <summary>Anything else, including changes the analysis cannot explain.</summary>
    Other,
}

/// <summary>What kind of signature dictionary an entry describes.</summary>
public enum SignatureKind
{
    /// <summary>A signature (/Type /Sig).</summary>
    Signature,
    /// <summary>A document timestamp (/Type /DocTimeStamp, ETSI.RFC3161).</summary>
    DocumentTimestamp,
}
