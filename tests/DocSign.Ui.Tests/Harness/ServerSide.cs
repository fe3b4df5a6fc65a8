using System.Security.Cryptography;
using DocSign.Core.Access;
using DocSign.Core.Archive;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using DocSign.Core.Signing;
using DocSign.Testing.Documents;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Ui.Tests.Harness;

/// <summary>
/// What the screens' tests need that no screen does: a Camat-signed document stored as the signing step stores it,
/// and the letter and archive jobs run at once (the same handlers the scheduled jobs run, which are idempotent, so
/// a scheduled run at the same time changes nothing), the integrity check, and the admin's office signing rule.
/// </summary>
public static class ServerSide
{
    /// <summary>A document of <paramref name="office"/> whose latest version is signed by its Camat (sample PKI, B-T).</summary>
    public static Task<(Guid Id, byte[] Signed)> SignedDocumentAsync(DocSignServer server, string office, string title) =>
        SignedDocuments.CreateSignedAsync(server.Services, office, title, kind: "laporan");

    /// <summary>
    /// A document outside the SOP (generic route) that went through DocSign's own signing: the Sekcam submits the final,
    /// the Camat signs it with his enrolled sample key, so its signature record (signer's name, public page) exists.
    /// </summary>
    public static async Task<Guid> SignedThroughDocSignAsync(DocSignServer server, string office, string title)
    {
        var id = await SignedDocuments.CreateFinalAsync(server.Services, office, title, kind: "laporan");
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DocSign.Core.Workflow.SubmitOnGenericRouteHandler>()
                .HandleAsync(await ActorAsync(scope.ServiceProvider, office, "sekcam." + office), id);
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SignDocumentHandler>()
                .HandleAsync(await ActorAsync(scope.ServiceProvider, office, "camat." + office), new SignDocumentRequest { DocumentId = id, Passphrase = SamplePki.Passphrase });
        return id;
    }

    private static async Task<Actor> ActorAsync(IServiceProvider services, string office, string userName)
    {
        var member = (await services.GetRequiredService<IOfficeMembers>().FindAsync(office, [], [userName])).Single();
        return (await services.GetRequiredService<IActorDirectory>().FindAsync(member.UserId))!;
    }

    /// <summary>Runs the surat pengantar job for one document now; returns the issued letter.</summary>
    public static async Task<Letter> CoverLetterAsync(DocSignServer server, Guid documentId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var letter = await scope.ServiceProvider.GetRequiredService<CreateCoverLetterHandler>().HandleAsync(documentId);
        letter.ShouldNotBeNull();
        letter.Status.ShouldBe(LetterStatus.Issued);
        return letter;
    }

    /// <summary>Runs the archive job for one dispatched letter now.</summary>
    public static async Task<IReadOnlyList<ArchiveCopy>> ArchiveAsync(DocSignServer server, Guid letterId)
    {
        await using (var scope = server.Services.CreateAsyncScope())
        {
            try { return await scope.ServiceProvider.GetRequiredService<ArchiveDispatchedLetterHandler>().HandleAsync(letterId); }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException) { }   // the scheduled archive job took the same letter at the same moment
        }
        // The scheduled run's copies (write-once keys: the same ones this run would have made).
        await using var again = server.Services.CreateAsyncScope();
        var letter = await again.ServiceProvider.GetRequiredService<ILetterRegister>().FindAsync(letterId);
        return await again.ServiceProvider.GetRequiredService<IArchiveRepository>().ListForDocumentAsync(letter!.DocumentId!.Value);
    }

    /// <summary>The Kasubag Umum records the letter as sent (SRIKANDI), as the Surat page does.</summary>
    public static async Task<Letter> DispatchAsync(DocSignServer server, Letter letter)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var kasubag = new Actor("ui-test-kasubag", "kasubag-umum." + letter.OfficeId, [new OfficeMembership(letter.OfficeId, "kasubag-umum")]);
        return await scope.ServiceProvider.GetRequiredService<DispatchLetterHandler>().HandleAsync(kasubag, letter.Id, "Bagian Organisasi Setda", "srikandi");
    }

    /// <summary>Runs the archive integrity job now.</summary>
    public static async Task<(int Checked, int Bad)> CheckIntegrityAsync(DocSignServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckArchiveIntegrityHandler>().HandleAsync();
    }

    /// <summary>The file behind an object key in the server's file-system store (to change it as an intruder would).</summary>
    public static string BlobPath(DocSignServer server, string key) =>
        Path.Combine(server.DataDirectory, "objects", "blobs", key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The admin's office rule "paraf before the Camat signs" (no screen for it in this issue).</summary>
    public static async Task SetParafRequiredAsync(DocSignServer server, string office, bool required)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var admin = new Actor("ui-test-admin", "admin", [], IsAdministrator: true);
        await scope.ServiceProvider.GetRequiredService<OfficeSigningSettingsHandler>()
            .UpdateAsync(admin, office, new UpdateSigningSettingsRequest(null, required));
    }

    public static string Sha(byte[] b) => SignedDocuments.Sha(b);
}
