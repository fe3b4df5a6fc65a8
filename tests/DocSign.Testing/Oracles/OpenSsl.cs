namespace DocSign.Testing.Oracles;

/// <summary>openssl cms / ts as independent checks of the CMS and the time-stamp token.</summary>
public static class OpenSsl
{
    /// <summary>
    /// <c>openssl cms -verify</c> of a detached CMS over <paramref name="signedContent"/>, trusting only
    /// <paramref name="caFile"/>. Exit 0 and "Verification successful" on success.
    /// </summary>
    public static ToolResult CmsVerify(byte[] cms, byte[] signedContent, string caFile, string purpose = "smimesign")
    {
        var dir = Directory.CreateTempSubdirectory("docsign-cms-").FullName;
        try
        {
            string sig = Path.Combine(dir, "sig.der"), data = Path.Combine(dir, "data.bin");
            File.WriteAllBytes(sig, cms);
            File.WriteAllBytes(data, signedContent);
            return ExternalTool.Run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", sig, "-content", data,
                "-CAfile", caFile, "-purpose", purpose, "-out", "/dev/null"]);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary><c>openssl cms -cmsout -print</c>: the CMS structure as text (attributes, certificates).</summary>
    public static ToolResult CmsPrint(byte[] cms)
    {
        var dir = Directory.CreateTempSubdirectory("docsign-cms-").FullName;
        try
        {
            string sig = Path.Combine(dir, "sig.der");
            File.WriteAllBytes(sig, cms);
            return ExternalTool.Run("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", sig]);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// <c>openssl ts -verify</c> of a TimeStampToken (DER ContentInfo) against the SHA-256 <paramref name="imprint"/>,
    /// trusting <paramref name="caFile"/> with <paramref name="untrustedFile"/> as intermediates.
    /// </summary>
    public static ToolResult TsVerify(byte[] token, byte[] imprint, string caFile, string untrustedFile)
    {
        var dir = Directory.CreateTempSubdirectory("docsign-ts-").FullName;
        try
        {
            string tok = Path.Combine(dir, "tok.der");
            File.WriteAllBytes(tok, token);
            return ExternalTool.Run("openssl", ["ts", "-verify", "-token_in", "-in", tok, "-digest", Convert.ToHexString(imprint),
                "-CAfile", caFile, "-untrusted", untrustedFile]);
        }
        finally { Directory.Delete(dir, true); }
    }
}
