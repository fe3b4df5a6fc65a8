using System.Net;
using System.Net.Sockets;

namespace DocSign.Infrastructure.Outbound;

/// <summary>
/// Decides whether an outbound connection may go to an address: public unicast addresses may, loopback, private,
/// link-local (cloud metadata 169.254.169.254 included), unique-local, multicast and unspecified ones only when
/// the operator listed them in <see cref="OutboundOptions.Allow"/>.
/// </summary>
public sealed class DestinationFilter
{
    private readonly List<(IPAddress Network, int PrefixLength, int FirstPort, int LastPort)> _allowed = new();

    public DestinationFilter(IEnumerable<string> allow)
    {
        foreach (var raw in allow)
        {
            var entry = raw.Trim();
            if (entry.Length == 0) continue;
            _allowed.Add(Parse(entry));
        }
    }

    /// <summary>Whether <paramref name="address"/>:<paramref name="port"/> may be contacted.</summary>
    public bool IsAllowed(IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (_allowed.Any(a => port >= a.FirstPort && port <= a.LastPort && InNetwork(address, a.Network, a.PrefixLength))) return true;
        return IsPublic(address);
    }

    /// <summary>Public unicast: not loopback, private (RFC 1918, CGNAT), link-local, unique-local, multicast, reserved or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                     || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast) return false;
            var b = address.GetAddressBytes();
            if ((b[0] & 0xfe) == 0xfc) return false;                       // fc00::/7 unique local (fd00:ec2::254 metadata too)
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) // 64:ff9b::/96 NAT64: judge the embedded IPv4
                return IsPublic(new IPAddress(b[12..16]));
            if (b[0] == 0x20 && b[1] == 0x02)                                // 2002::/16 6to4: the embedded IPv4
                return IsPublic(new IPAddress(b[2..6]));
            return true;
        }
        return false;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && prefixLength > 0; i++, prefixLength -= 8)
        {
            var mask = prefixLength >= 8 ? 0xff : (byte)(0xff << (8 - prefixLength));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }

    private static (IPAddress, int, int, int) Parse(string entry)
    {
        string host = entry, ports = "";
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']');
            host = entry[1..close];
            if (close + 1 < entry.Length && entry[close + 1] == ':') ports = entry[(close + 2)..];
        }
        else if (entry.Count(c => c == ':') == 1)
        {
            var colon = entry.IndexOf(':');
            host = entry[..colon];
            ports = entry[(colon + 1)..];
        }
        var prefix = -1;
        if (host.Contains('/'))
        {
            prefix = int.Parse(host[(host.IndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            host = host[..host.IndexOf('/')];
        }
        if (!IPAddress.TryParse(host, out var address))
            throw new FormatException($"DocSign:Outbound:Allow entry '{entry}' is not an IP address, IP:PORT, IP:FIRST-LAST or CIDR (host names are not accepted: their addresses can change).");
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (prefix < 0) prefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int first = 0, last = 65535;
        if (ports.Length > 0)
        {
            var dash = ports.IndexOf('-');
            first = int.Parse(dash < 0 ? ports : ports[..dash], System.Globalization.CultureInfo.InvariantCulture);
            last = dash < 0 ? first : int.Parse(ports[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return (address, prefix, first, last);
    }
}
