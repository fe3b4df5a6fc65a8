using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Security;

/// <summary>Data Protection's key ring in the application database, shared by every instance.</summary>
public sealed class EfXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        return db.Set<DataProtectionKeyRow>().AsNoTracking().Select(r => r.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        db.Set<DataProtectionKeyRow>().Add(new DataProtectionKeyRow
        {
            Id = Guid.NewGuid(),
            FriendlyName = friendlyName.Length > 200 ? friendlyName[..200] : friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}

/// <summary>Encrypts a key's XML with AES-256-GCM under the configured <see cref="DataProtectionOptions.Key"/>.</summary>
public sealed class AesGcmXmlEncryptor(byte[] key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with AES-256-GCM under DocSign:DataProtection:Key "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote (created by Data Protection with the service provider).</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = DataProtectionSetup.KeyBytes(services.GetRequiredService<IOptions<DataProtectionOptions>>().Value)
                  ?? throw new InvalidOperationException("DocSign:DataProtection:Key is not configured, but the key ring was encrypted with it.");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}

/// <summary>Wires Data Protection to the database and to the configured key encryption.</summary>
public static class DataProtectionSetup
{
    public static void AddDocSignDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DataProtectionOptions>(configuration.GetSection(DataProtectionOptions.Section));
        var settings = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        var builder = services.AddDataProtection().SetApplicationName("DocSign");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new EfXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else if (KeyBytes(settings) is { } key)
        {
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(key)));
        }
    }

    internal static byte[]? KeyBytes(DataProtectionOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Key)) return null;
        byte[] key;
        try { key = Convert.FromBase64String(settings.Key.Trim()); }
        catch (FormatException) { throw new InvalidOperationException("DocSign:DataProtection:Key must be 32 bytes in base64 (e.g. from `openssl rand -base64 32`)."); }
        if (key.Length != 32) throw new InvalidOperationException("DocSign:DataProtection:Key must be 32 bytes in base64 (e.g. from `openssl rand -base64 32`).");
        return key;
    }
}
