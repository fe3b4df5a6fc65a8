using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// Name, NIP, jabatan and office read from a signer certificate. Follows certs-sample/README.md:
/// CN "NAME / NIP digits" (BSrE style), subject serialNumber "NIP:digits", title, OU.
/// </summary>
public sealed record SignerIdentity(string Name, string? Nip, string? Position, string? Office)
{
    /// <summary>Reads the identity from the certificate's subject.</summary>
    public static SignerIdentity From(X509Certificate2 cert)
    {
        string? cn = null, serial = null, title = null, ou = null;
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            string? value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.3": cn = value; break;
                case "2.5.4.5": serial = value; break;
                case "2.5.4.12": title = value; break;
                case "2.5.4.11": ou = value; break;
            }
        }
        string name = cn ?? cert.Subject;
        string? nip = null;
        if (serial is not null && serial.StartsWith("NIP:", StringComparison.OrdinalIgnoreCase)) nip = serial[4..].Trim();
        int sep = name.IndexOf(" / NIP", StringComparison.OrdinalIgnoreCase);
        if (sep >= 0)
        {
            nip ??= new string(name[(sep + 6)..].Where(char.IsDigit).ToArray());
            name = name[..sep].Trim();
        }
        return new SignerIdentity(name, string.IsNullOrEmpty(nip) ? null : nip, title, ou);
    }

    /// <summary>NIP written the usual way, "19740315 200112 1 003" (8, 6, 1, 3 digits) when it has 18 digits.</summary>
    public static string FormatNip(string nip) =>
        nip.Length == 18 && nip.All(char.IsDigit) ? $"{nip[..8]} {nip[8..14]} {nip[14]} {nip[15..]}" : nip;
}
