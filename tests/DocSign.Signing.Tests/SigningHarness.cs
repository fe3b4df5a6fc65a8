using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using DocSign.Testing.Pki;

namespace DocSign.Signing.Tests;

/// <summary>How the key is reached: one signing suite runs against every kind.</summary>
public enum TokenKind
{
    /// <summary>PKCS#12 file, one call.</summary>
    Pkcs12,
    /// <summary>PKCS#12 opened in the background while the document is hashed (what the CLI does).</summary>
    DeferredPkcs12,
    /// <summary>Two-phase: prepare, store the state as JSON, a "remote" service signs the bytes, complete.</summary>
    RemoteTwoPhase,
}

/// <summary>Signs byte arrays through <see cref="PadesSigner"/> with a fixed clock, the way the tests need.</summary>
internal static class SigningHarness
{
    public static async Task<byte[]> SignAsync(byte[] pdf, string signer, SigningParameters parameters, TokenKind kind = TokenKind.Pkcs12, TimeProvider? clock = null)
    {
        var padesSigner = new PadesSigner(clock ?? FakeClock.Default());
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(signer), SamplePki.Passphrase);
        using var input = new MemoryStream(pdf, writable: false);
        var output = new MemoryStream();
        if (kind == TokenKind.Pkcs12)
        {
            await padesSigner.SignAsync(input, output, parameters, token);
        }
        else if (kind == TokenKind.DeferredPkcs12)
        {
            using var deferred = new DeferredSigningToken(() => Pkcs12SigningToken.Open(SamplePki.P12(signer), SamplePki.Passphrase));
            await padesSigner.SignAsync(input, output, parameters, deferred);
        }
        else
        {
            var prepared = await padesSigner.PrepareAsync(input, output, parameters, token.Certificate, token.Chain);
            string stored = prepared.ToJson();                                  // e.g. a database row while waiting
            var service = new RemoteSigningService(SamplePki.P12(signer));       // holds the key elsewhere
            byte[] signature = service.Sign(PreparedSignature.FromJson(stored).DataToSign);
            await padesSigner.CompleteAsync(output, PreparedSignature.FromJson(stored), signature);
        }
        return output.ToArray();
    }
}

/// <summary>Stands for a remote signing service (or HSM): it sees only the bytes to sign and answers a PKCS#1 signature.</summary>
internal sealed class RemoteSigningService(string p12Path)
{
    public byte[] Sign(byte[] dataToSign)
    {
        using var key = Pkcs12SigningToken.Open(p12Path, SamplePki.Passphrase);
        using var rsa = key.Certificate.GetRSAPrivateKey()!;
        return rsa.SignData(dataToSign, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
