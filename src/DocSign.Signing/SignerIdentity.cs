using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// Name, NIP, jabatan and office read from a signer certificate. Follows certs-sample/README.md:
/// CN "NAME / NIP digits" (BSrE style), subject serialNumber "NIP:digits", title, OU.
/// </summary>
public sealed record SignerIdentity(string Name, string? Nip, string? Position, string? Office)
{
    /// <summary>Reads the identity from the certificate's subject. The NIP is the 18-digit number wherever the
    /// issuer put it (see <see cref="NipReader"/>); the name is the CN without a trailing "/ NIP ..." part.</summary>
    public static SignerIdentity From(X509Certificate2 cert)
    {
        string? cn = null, title = null, ou = null;
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements) continue;
            string? value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case Oids.CommonName: cn = value; break;
                case Oids.Title: title = value; break;
                case Oids.OrganizationalUnit: ou = value; break;
            }
        }
        // Without a CN, the name .NET would show for the subject (e-mail, OU...), never an empty one.
        var name = cn ?? cert.GetNameInfo(X509NameType.SimpleName, false);
        return new SignerIdentity(NameOf(string.IsNullOrEmpty(name) ? cert.Subject : name), NipReader.Read(cert), title, ou);
    }

    /// <summary>The person's name in a CN: BSrE-style CNs carry the NIP after it ("NAME / NIP digits").</summary>
    internal static string NameOf(string commonName)
    {
        int sep = commonName.IndexOf(" / NIP", StringComparison.OrdinalIgnoreCase);
        return sep > 0 ? commonName[..sep].Trim() : commonName;
    }

    /// <summary>NIP written the usual way, "19740315 200112 1 003" (8, 6, 1, 3 digits) when it has 18 digits.</summary>
    public static string FormatNip(string nip) => DocSign.Core.Text.IndonesianText.Nip(nip);
}
