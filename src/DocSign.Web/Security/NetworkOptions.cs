namespace DocSign.Web.Security;

/// <summary>Bound from <c>DocSign:Network</c>: the reverse proxies in front of DocSign, if any.</summary>
public sealed class NetworkOptions
{
    public const string Section = "DocSign:Network";

    /// <summary>Addresses (e.g. <c>10.0.0.5</c>) or networks (e.g. <c>10.0.0.0/24</c>) of the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
