using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.BsreEmulator;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Bsre.Tests;

/// <summary>
/// Tanda tangan massal through the running service (<c>POST /api/sign/batch</c>, the handler the screen uses): the Camat of
/// Lumajang signs five documents with one BSrE passphrase in one bulk call; the emulator spoils the third file on purpose.
/// The other four each get their own signed version, record, public page, VALID verification and audit entry; the third gets
/// nothing and stays put to the Camat, and the answer says why. A wrong passphrase refuses the whole batch as one attempt.
/// </summary>
public sealed class SignBatchApiTests(BsreWebFixture app) : IClassFixture<BsreWebFixture>
{
    private async Task<List<Guid>> FinalDocumentsAsync(int n)
    {
        var ids = new List<Guid>();
        for (int i = 1; i <= n; i++) ids.Add(await app.FinalDocumentAsync($"Laporan massal {i} ({Guid.NewGuid():N})"[..24]));
        return ids;
    }

    private async Task<int> FailedAttemptsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        return await db.Set<SignerEnrolment>().AsNoTracking()
            .Where(e => e.OfficeId == "lumajang" && e.Purpose == SignatureKind.Sign && e.RetiredAt == null && e.Nik == Providers.BambangNik)
            .Select(e => e.FailedAttempts).SingleAsync();
    }

    private async Task<int> SignedAuditEntriesAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        return await db.Set<AuditEntry>().AsNoTracking().CountAsync(e => e.DocumentId == id && e.Action == DocSign.Core.Audit.AuditActions.Signed);
    }

    [Fact]
    public async Task Five_documents_one_passphrase_one_spoilt_by_bsre_four_stand_valid_and_the_third_is_named()
    {
        var ids = await FinalDocumentsAsync(5);
        var before = new List<(int, int, int)>();
        foreach (var id in ids) before.Add(await app.StoredAsync(id));
        var calls = app.Emulator.State.SigningCalls;
        using var camat = await app.As("camat.lumajang");
        var batchId = Guid.NewGuid();
        app.Emulator.Fault = Fault.AlterByte;
        app.Emulator.FaultFile = 3;
        HttpResponseMessage response;
        try
        {
            response = await camat.PostAsJsonAsync("/api/sign/batch", new { documentIds = ids, passphrase = Providers.BambangPassphrase, batchId });
        }
        finally
        {
            app.Emulator.Fault = Fault.None;
            app.Emulator.FaultFile = null;
        }
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        (app.Emulator.State.SigningCalls - calls).ShouldBe(1, "one BSrE v2 call carries the five files");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("signed").GetInt32().ShouldBe(4);
        body.GetProperty("failed").GetInt32().ShouldBe(1);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("documentId").GetGuid()).ShouldBe(ids, "in the order asked");

        var failed = items[2];
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("message").GetString()!.ShouldContain("tidak VALID");
        (await app.StoredAsync(ids[2])).Versions.ShouldBe(before[2].Item1, "nothing stored for the failed document");
        (await app.StoredAsync(ids[2])).Records.ShouldBe(0);
        (await SignedAuditEntriesAsync(ids[2])).ShouldBe(0);
        using (var still = await camat.GetAsync($"/api/documents/{ids[2]}/signing"))
            JsonDocument.Parse(await still.Content.ReadAsStringAsync()).RootElement.GetProperty("pendingVersion").ValueKind.ShouldBe(JsonValueKind.Object, "its step stays open");

        var publicUrls = new HashSet<string>();
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            var item = items[i];
            item.GetProperty("status").GetString().ShouldBe("signed", item.ToString());
            item.GetProperty("verdict").GetString().ShouldBe("VALID");
            item.GetProperty("signature").GetProperty("level").GetString().ShouldBe("B-LT");
            item.GetProperty("signature").GetProperty("signer").GetProperty("nipFormatted").GetString().ShouldBe("19710809 199803 1 006");
            publicUrls.Add(item.GetProperty("publicUrl").GetString()!).ShouldBeTrue("each document has its own public page");
            var stored = await app.StoredAsync(ids[i]);
            stored.Versions.ShouldBe(before[i].Item1 + 1);
            stored.Records.ShouldBe(1);
            (await SignedAuditEntriesAsync(ids[i])).ShouldBe(1);
            // The stored bytes verify VALID through the service's own verifier, as an auditor would check them.
            var number = item.GetProperty("version").GetProperty("number").GetInt32();
            using var auditor = await app.As("auditor.lumajang");
            var signed = await auditor.GetByteArrayAsync($"/api/documents/{ids[i]}/versions/{number}/content");
            (await Providers.VerifyAsync(signed)).Verdict.ShouldBe(DocSign.Validation.Verdict.Valid);
        }

        // The page's progress bar reads the same batch.
        var progress = JsonDocument.Parse(await camat.GetStringAsync($"/api/sign/batch/{batchId}")).RootElement;
        progress.GetProperty("done").GetBoolean().ShouldBeTrue();
        progress.GetProperty("total").GetInt32().ShouldBe(5);
        progress.GetProperty("finished").GetInt32().ShouldBe(5);
        progress.GetProperty("failed").GetInt32().ShouldBe(1);
        using (var other = await app.As("staf.lumajang"))
            (await other.GetAsync($"/api/sign/batch/{batchId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only its signer sees a batch");
        (await FailedAttemptsAsync()).ShouldBe(0, "the passphrase was right");
        app.Logs.Where(l => l.Contains(Providers.BambangPassphrase, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_passphrase_refuses_the_batch_as_one_attempt_in_bsres_words_and_stores_nothing()
    {
        var ids = await FinalDocumentsAsync(3);
        var before = new List<(int, int, int)>();
        foreach (var id in ids) before.Add(await app.StoredAsync(id));
        var attempts = await FailedAttemptsAsync();
        using var camat = await app.As("camat.lumajang");
        var response = await camat.PostAsJsonAsync("/api/sign/batch", new { documentIds = ids, passphrase = "salah-untuk-massal" });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!.ShouldStartWith("Passphrase anda salah\n");
        for (int i = 0; i < ids.Count; i++) (await app.StoredAsync(ids[i])).ShouldBe(before[i]);
        (await FailedAttemptsAsync()).ShouldBe(attempts + 1, "one attempt for the whole batch");

        // The right passphrase then signs them all and clears the count.
        var ok = await camat.PostAsJsonAsync("/api/sign/batch", new { documentIds = ids, passphrase = Providers.BambangPassphrase });
        var okText = await ok.Content.ReadAsStringAsync();
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, okText);
        JsonDocument.Parse(okText).RootElement.GetProperty("signed").GetInt32().ShouldBe(3);
        (await FailedAttemptsAsync()).ShouldBe(0);
        app.Logs.Where(l => l.Contains("salah-untuk-massal", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_document_not_put_to_the_camat_fails_at_the_gate_and_the_rest_are_signed()
    {
        var ids = await FinalDocumentsAsync(2);
        using var staff = await app.As("staf.lumajang");
        var draft = await staff.PostAsync("/api/documents", DocSign.Testing.Services.ApiRequests.PdfForm(DocSign.Testing.SamplePdfs.SamplePdfs.MultiPageText(1),
            ("office", "lumajang"), ("year", "2025"), ("kind", "laporan"), ("title", "Masih draf")));
        var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var camat = await app.As("camat.lumajang");
        var response = await camat.PostAsJsonAsync("/api/sign/batch", new { documentIds = new[] { ids[0], draftId, ids[1] }, passphrase = Providers.BambangPassphrase });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();
        items[1].GetProperty("status").GetString().ShouldBe("failed");
        items[1].GetProperty("title").GetString().ShouldBe("Masih draf");
        items[1].GetProperty("message").GetString()!.ShouldContain("Belum ada versi final");
        items[0].GetProperty("verdict").GetString().ShouldBe("VALID");
        items[2].GetProperty("verdict").GetString().ShouldBe("VALID");
        (await app.StoredAsync(draftId)).Records.ShouldBe(0);
    }
}
