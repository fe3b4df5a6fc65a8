using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DocSign.Infrastructure.Signing.Providers;

/// <summary>
/// A key on a PKCS#11 token or HSM (Pkcs11Interop): the token is found by its label, the user logs in with the PIN, and
/// the private key and its certificate are the objects labelled <c>keyLabel</c>; the chain is the token's other
/// certificates (nearest issuer first). The key never leaves the token; the PIN is used for the login and not kept.
/// RSA keys sign with CKM_SHA256/384/512_RSA_PKCS.
/// </summary>
internal sealed class Pkcs11SigningToken : ISigningToken, IDisposable
{
    private readonly IPkcs11Library _library;
    private readonly ISession _session;
    private readonly IObjectHandle _key;
    private readonly Pkcs11InteropFactories _factories = new();

    public Pkcs11SigningToken(string libraryPath, string tokenLabel, string keyLabel, string pin)
    {
        try
        {
            _library = Pkcs11Module.Load(libraryPath);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or IOException)
        {
            throw new SigningException(SigningErrorCode.NoPrivateKey, "Pustaka token kriptografi (PKCS#11) di server tidak dapat dimuat. Hubungi admin.", e);
        }
        try
        {
            var slot = _library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == tokenLabel)
                       ?? throw new SigningException(SigningErrorCode.NoPrivateKey, $"Token \"{tokenLabel}\" tidak terpasang di server.");
            _session = slot.OpenSession(SessionType.ReadOnly);
            try { _session.Login(CKU.CKU_USER, pin); }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE)
            {
                throw new SigningException(SigningErrorCode.WrongPassphrase, "PIN token salah.", e);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_PIN_LOCKED)
            {
                throw new SigningException(SigningErrorCode.NoPrivateKey, "PIN token terkunci karena terlalu banyak salah; buka kuncinya dengan PIN SO.", e);
            }
            _key = Find(CKO.CKO_PRIVATE_KEY, keyLabel).FirstOrDefault()
                   ?? throw new SigningException(SigningErrorCode.NoPrivateKey, $"Kunci \"{keyLabel}\" tidak ada pada token \"{tokenLabel}\".");
            var certs = Find(CKO.CKO_CERTIFICATE, null).Select(ReadCertificate).ToList();
            Certificate = certs.FirstOrDefault(c => Label(c) == keyLabel)
                          ?? throw new SigningException(SigningErrorCode.NoPrivateKey, $"Sertifikat \"{keyLabel}\" tidak ada pada token \"{tokenLabel}\".");
            Chain = BuildChain(Certificate, certs);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private readonly Dictionary<X509Certificate2, string> _labels = new();

    public X509Certificate2 Certificate { get; } = null!;
    public IReadOnlyList<X509Certificate2> Chain { get; } = [];

    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mechanism = hash.Name switch
        {
            "SHA256" => CKM.CKM_SHA256_RSA_PKCS,
            "SHA384" => CKM.CKM_SHA384_RSA_PKCS,
            "SHA512" => CKM.CKM_SHA512_RSA_PKCS,
            _ => throw new SigningException(SigningErrorCode.KeyUsageNotAllowed, $"Algoritma {hash.Name} tidak didukung token."),
        };
        try
        {
            return Task.FromResult(_session.Sign(_factories.MechanismFactory.Create(mechanism), _key, data.ToArray()));
        }
        catch (Pkcs11Exception e)
        {
            throw new SigningException(SigningErrorCode.BadSignatureValue, "Token menolak menandatangani: " + e.RV + ".", e);
        }
    }

    private List<IObjectHandle> Find(CKO cls, string? label)
    {
        var attrs = new List<IObjectAttribute> { _factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, cls) };
        if (label is not null) attrs.Add(_factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label));
        return _session.FindAllObjects(attrs);
    }

    private X509Certificate2 ReadCertificate(IObjectHandle handle)
    {
        var values = _session.GetAttributeValue(handle, [CKA.CKA_VALUE, CKA.CKA_LABEL]);
        var cert = X509CertificateLoader.LoadCertificate(values[0].GetValueAsByteArray());
        _labels[cert] = values[1].GetValueAsString() ?? "";
        return cert;
    }

    private string Label(X509Certificate2 c) => _labels.TryGetValue(c, out var l) ? l : "";

    private static IReadOnlyList<X509Certificate2> BuildChain(X509Certificate2 leaf, List<X509Certificate2> pool)
    {
        var chain = new List<X509Certificate2>();
        var current = leaf;
        for (int i = 0; i < 10 && !current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData); i++)
        {
            var issuer = pool.FirstOrDefault(c => c != leaf && !chain.Contains(c) && c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
            if (issuer is null) break;
            chain.Add(issuer);
            current = issuer;
        }
        return chain;
    }

    public void Dispose()
    {
        try { _session?.Logout(); } catch (Pkcs11Exception) { }
        _session?.Dispose();
        foreach (var c in _labels.Keys) c.Dispose();
    }
}

/// <summary>
/// The PKCS#11 modules loaded in this process, one per path: C_Initialize runs once and every signer's session shares the
/// module (never finalised while the process runs).
/// </summary>
public static class Pkcs11Module
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IPkcs11Library>> Modules = new();
    private static readonly Pkcs11InteropFactories Factories = new();

    static Pkcs11Module()
    {
        // Pkcs11Interop 5.3 dlopens "libdl", which glibc 2.34+ systems (Debian 12) only ship as libdl.so.2.
        System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, assembly, path) =>
            name == "libdl" && System.Runtime.InteropServices.NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero);
    }

    /// <summary>The loaded module at <paramref name="libraryPath"/> (loaded and initialised on first use).</summary>
    public static IPkcs11Library Load(string libraryPath)
    {
        var module = Modules.GetOrAdd(libraryPath, path => new Lazy<IPkcs11Library>(() => Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded)));
        try { return module.Value; }
        catch
        {
            Modules.TryRemove(libraryPath, out _);
            throw;
        }
    }
}
