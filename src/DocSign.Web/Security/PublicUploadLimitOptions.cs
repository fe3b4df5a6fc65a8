namespace DocSign.Web.Security;

/// <summary>
/// <c>DocSign:Limits</c>: how much a stranger may make the service hash and compare. The anonymous copy comparison
/// (public page <c>/v/{id}</c> and <c>POST /api/public/verifications/{id}/compare</c>) gets a budget per client
/// address (counted in the database, so shared by every instance behind the proxy), a few at a time per address,
/// and a cap on how many run at once in all (both per instance: they protect its CPU).
/// </summary>
public sealed class PublicUploadLimitOptions
{
    public const string Section = "DocSign:Limits";

    /// <summary>Comparisons one client address may start per minute.</summary>
    public int ComparePerMinute { get; set; } = 10;

    /// <summary>Comparisons one client address may have running at once.</summary>
    public int CompareConcurrentPerAddress { get; set; } = 2;

    /// <summary>Anonymous comparisons running at once, all addresses together (each may read and hash a large file).</summary>
    public int CompareConcurrent { get; set; } = 4;
}
