using System.Security.Cryptography;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Testing.Documents;

/// <summary>
/// Puts a Camat-signed version (B-T, sample PKI) on a document the way the signing step stores it: a new version with
/// stage <c>signed</c>. The letters and archive work (and their screens) only read such versions; they do not depend
/// on how they were made.
/// </summary>
public static class SignedDocuments
{
    /// <summary>
    /// Turns on the office setting "number the surat pengantar automatically on signing" (off by default), for tests of
    /// that automatic path (the job numbers as "sistem" and seals with the office e-seal).
    /// </summary>
    public static async Task NumberOnSigningAsync(IServiceProvider services, string office)
    {
        await using var scope = services.CreateAsyncScope();
        var register = scope.ServiceProvider.GetRequiredService<DocSign.Core.Letters.ILetterRegister>();
        var template = await register.FindTemplateAsync(office) ?? throw new InvalidOperationException($"Office {office} has no letter template.");
        template.AutoNumberOnSigning = true;
        template.Signer = DocSign.Core.Letters.LetterSigner.Seal;
        await register.SaveTemplateAsync(template, isNew: false);
    }

    /// <param name="kind">The document kind, e.g. "lkjip" (an SOP document) or "laporan" (outside the SOP).</param>
    public static async Task<(Guid Id, byte[] Signed)> CreateSignedAsync(IServiceProvider services, string office, string title, string kind = "lkjip")
    {
        var id = await CreateFinalAsync(services, office, title, kind);
        return (id, await AddSignedAsync(services, id, office, title));
    }

    /// <summary>A document whose only version is final (as the Camat is about to sign it).</summary>
    public static async Task<Guid> CreateFinalAsync(IServiceProvider services, string office, string title, string kind = "lkjip")
    {
        await using var scope = services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredService<IDocumentRepository>();
        var store = scope.ServiceProvider.GetRequiredService<IObjectStore>();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var document = new Document(id, office, 2025, kind, title, "staf." + office, now);
        var final = SamplePdfs.SamplePdfs.OnePage(title + " (final)");
        var finalKey = VersionUploader.NewObjectKey(id, 1);
        await store.PutAsync(finalKey, new MemoryStream(final));
        document.AddVersion(Guid.NewGuid(), VersionStage.Final, "sekcam." + office, now, null, final.Length, Sha(final), finalKey, 1);
        await documents.AddAsync(document);
        return id;
    }

    /// <summary>Appends the Camat's signed version (the next number) to the document, as the signing step stores it.</summary>
    public static async Task<byte[]> AddSignedAsync(IServiceProvider services, Guid id, string office, string title)
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.SamplePdfs.OnePage(title), new TestSignOptions
        {
            Signer = "camat-" + office,
            Tsa = SamplePki.TsaUrl,
        });
        await using var scope = services.CreateAsyncScope();
        var documents = scope.ServiceProvider.GetRequiredService<IDocumentRepository>();
        var store = scope.ServiceProvider.GetRequiredService<IObjectStore>();
        var document = (await documents.FindAsync(id))!;
        var number = document.NextVersionNumber;
        var key = VersionUploader.NewObjectKey(id, number);
        await store.PutAsync(key, new MemoryStream(signed));
        var version = document.AddVersion(Guid.NewGuid(), VersionStage.Signed, "camat." + office, DateTimeOffset.UtcNow.AddSeconds(1), null, signed.Length, Sha(signed), key, number);
        await documents.AddVersionAsync(version);
        return signed;
    }

    public static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));
}
