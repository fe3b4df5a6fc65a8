using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DocSign.Web.Security;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the per-address sign-in throttle and rate
/// limits would fall on all users at once (one attacker could lock everybody out of signing in). The client's address
/// is taken from X-Forwarded-For only when the request comes from a configured proxy, and only the proxy's own entry
/// is believed; a client elsewhere cannot claim another address by sending the header itself.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplication UseDocSignForwardedHeaders(this WebApplication app)
    {
        var network = app.Configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        if (network.TrustedProxies.Count > 0) UseTrustedProxies(app, network);   // else the connection's address is the client
        app.UseDocSignTransportSecurity();   // after the proxy's word on the scheme
        return app;
    }

    private static void UseTrustedProxies(WebApplication app, NetworkOptions network)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The defaults trust loopback; only what the operator names is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in network.TrustedProxies)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var net)) options.KnownIPNetworks.Add(net);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new InvalidOperationException($"{NetworkOptions.Section}:TrustedProxies: '{entry}' is neither an IP address nor a network (address/prefix).");
        }
        app.Logger.LogInformation("Client addresses taken from X-Forwarded-For of {Count} trusted proxy entries", network.TrustedProxies.Count);
        app.UseForwardedHeaders(options);
    }
}
