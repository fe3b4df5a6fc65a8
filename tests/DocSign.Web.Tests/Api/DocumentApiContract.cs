using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Services;
using DocSign.Testing.SamplePdfs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// The documents API as the contract states it, run on each database provider and storage kind.
/// </summary>
public abstract class DocumentApiContract(ApiFixture app)
{
    protected ApiFixture App => app;

    protected static MultipartFormDataContent DocumentForm(byte[]? file, string office = "kanigaran", string year = "2024",
        string kind = "lkjip", string title = "LKjIP Kecamatan Kanigaran Tahun 2024", string fileName = "lkjip.pdf")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(office), "office" },
            { new StringContent(year), "year" },
            { new StringContent(kind), "kind" },
            { new StringContent(title), "title" },
        };
        if (file is not null) form.Add(PdfPart(file), "file", fileName);
        return form;
    }

    protected static MultipartFormDataContent VersionForm(byte[]? file, string stage, string? note = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(stage), "stage" } };
        if (note is not null) form.Add(new StringContent(note), "note");
        if (file is not null) form.Add(PdfPart(file), "file", "versi.pdf");
        return form;
    }

    private static ByteArrayContent PdfPart(byte[] file)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return part;
    }

    protected static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    protected async Task<JsonElement> CreateDocumentAsync(byte[] pdf, string office = "kanigaran", string user = "staf.kanigaran")
    {
        using var client = await App.As(user);
        var response = await client.PostAsync("/api/documents", DocumentForm(pdf, office));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        var detail = problem.GetProperty("detail").GetString();
        detail.ShouldNotBeNullOrWhiteSpace();
        if (detailContains is not null) detail.ShouldContain(detailContains);
    }

    [Fact]
    public async Task Health_is_200_when_database_and_storage_answer()
    {
        using var client = App.Anonymous();
        var response = await client.GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task A_document_with_its_draft_corrected_and_final_versions_reads_back_byte_identical()
    {
        var draft = SamplePdfs.OnePage("Draft LKjIP 2024");
        var corrected = SamplePdfs.OnePage("LKjIP 2024 koreksi Sekcam", padding: 100_000);
        var final = SamplePdfs.OnePage("LKjIP 2024 final");

        var created = await CreateDocumentAsync(draft);
        var id = created.GetProperty("id").GetString();
        created.GetProperty("office").GetString().ShouldBe("kanigaran");
        created.GetProperty("year").GetInt32().ShouldBe(2024);
        created.GetProperty("kind").GetString().ShouldBe("lkjip");
        var first = created.GetProperty("versions").EnumerateArray().Single();
        first.GetProperty("number").GetInt32().ShouldBe(1);
        first.GetProperty("stage").GetString().ShouldBe("draft");
        first.GetProperty("sha256").GetString().ShouldBe(Sha256(draft));

        using var sekcam = await App.As("sekcam.kanigaran");
        var second = await sekcam.PostAsync($"/api/documents/{id}/versions", VersionForm(corrected, "corrected", "Perbaikan tabel capaian"));
        second.StatusCode.ShouldBe(HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        second.Headers.Location!.ToString().ShouldBe($"/api/documents/{id}/versions/2");
        using var program = await App.As("kasubbag-program.kanigaran");
        var third = await program.PostAsync($"/api/documents/{id}/versions", VersionForm(final, "final"));
        third.StatusCode.ShouldBe(HttpStatusCode.Created, await third.Content.ReadAsStringAsync());
        (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32().ShouldBe(3);

        using var camat = await App.As("camat.kanigaran");
        var document = await camat.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        var versions = document.GetProperty("versions").EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("number").GetInt32()).ShouldBe([1, 2, 3]);
        versions.Select(v => v.GetProperty("stage").GetString()).ShouldBe(["draft", "corrected", "final"]);
        versions.Select(v => v.GetProperty("by").GetString()).ShouldBe(["staf.kanigaran", "sekcam.kanigaran", "kasubbag-program.kanigaran"]);
        versions.Select(v => v.GetProperty("size").GetInt64()).ShouldBe([draft.Length, corrected.Length, final.Length]);
        versions.Select(v => v.GetProperty("sha256").GetString()).ShouldBe([Sha256(draft), Sha256(corrected), Sha256(final)]);
        versions.ShouldAllBe(v => v.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        document.GetProperty("letters").GetArrayLength().ShouldBe(0);
        document.GetProperty("archive").ValueKind.ShouldBe(JsonValueKind.Null);

        byte[][] expected = [draft, corrected, final];
        for (var n = 1; n <= 3; n++)
        {
            var content = await camat.GetAsync($"/api/documents/{id}/versions/{n}/content");
            content.StatusCode.ShouldBe(HttpStatusCode.OK);
            content.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            (await content.Content.ReadAsByteArrayAsync()).ShouldBe(expected[n - 1]);
        }
    }

    [Fact]
    public async Task Versions_uploaded_at_the_same_time_all_get_their_own_number_and_bytes()
    {
        var id = (await CreateDocumentAsync(SamplePdfs.OnePage("awal"))).GetProperty("id").GetString();
        var bodies = Enumerable.Range(1, 4).Select(i => SamplePdfs.OnePage($"koreksi bersamaan {i}")).ToArray();
        using var client = await App.As("staf.kanigaran");

        var responses = await Task.WhenAll(bodies.Select(b => client.PostAsync($"/api/documents/{id}/versions", VersionForm(b, "corrected"))));

        foreach (var r in responses) r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var numbers = new List<int>();
        foreach (var r in responses) numbers.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());
        numbers.Order().ShouldBe([2, 3, 4, 5]);
        for (var i = 0; i < bodies.Length; i++)
            (await client.GetByteArrayAsync($"/api/documents/{id}/versions/{numbers[i]}/content")).ShouldBe(bodies[i]);
        var document = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        document.GetProperty("versions").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task The_document_list_shows_only_offices_the_reader_may_see()
    {
        var title = $"Laporan Kinerja Lumajang {Guid.NewGuid():N}";
        using (var staff = await App.As("staf.lumajang"))
        {
            var form = DocumentForm(SamplePdfs.OnePage("lumajang"), office: "lumajang", year: "2031", title: title);
            (await staff.PostAsync("/api/documents", form)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        async Task<List<JsonElement>> ListAs(string user, string query)
        {
            using var client = await App.As(user);
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/documents{query}");
            return body.GetProperty("documents").EnumerateArray().ToList();
        }

        var own = await ListAs("kasi.lumajang", "?year=2031");
        own.ShouldContain(d => d.GetProperty("title").GetString() == title);
        own.Single(d => d.GetProperty("title").GetString() == title).GetProperty("latest").GetProperty("stage").GetString().ShouldBe("draft");
        // Auditors read the offices they are assigned: the Inspektorat's auditor covers the Lumajang offices, the
        // Kanigaran auditor does not (issue 10: no office is readable just for being an auditor somewhere).
        (await ListAs("auditor.inspektorat", "?office=lumajang&year=2031")).ShouldContain(d => d.GetProperty("title").GetString() == title);
        (await ListAs("auditor.kanigaran", "?office=lumajang&year=2031")).ShouldBeEmpty();
        (await ListAs("staf.kanigaran", "?office=lumajang")).ShouldBeEmpty();
        (await ListAs("staf.kanigaran", "")).ShouldAllBe(d => d.GetProperty("office").GetString() == "kanigaran");
        (await ListAs("admin", "")).ShouldBeEmpty();

        using var anyone = await App.As("staf.kanigaran");
        await ShouldBeProblemAsync(await anyone.GetAsync("/api/documents?year=duaribu"), HttpStatusCode.BadRequest, "Tahun");
        using var anonymous = App.Anonymous();
        await ShouldBeProblemAsync(await anonymous.GetAsync("/api/documents"), HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> BadVersionUploads =>
    [
        "random-bytes", "encrypted", "empty", "too-large", "no-file", "unknown-stage", "signed-stage", "note-too-long", "truncated-pdf",
    ];

    [Theory]
    [MemberData(nameof(BadVersionUploads))]
    public async Task A_bad_version_upload_is_refused_with_a_4xx_problem_in_Bahasa_Indonesia_and_stores_nothing(string bad)
    {
        var created = await CreateDocumentAsync(SamplePdfs.OnePage("base"));
        var id = created.GetProperty("id").GetString();
        var before = await App.CountStoredAsync();
        var good = SamplePdfs.OnePage("good");
        var (form, status, message) = bad switch
        {
            "random-bytes" => (VersionForm(SamplePdfs.RandomBytes(5000, 1), "corrected"), HttpStatusCode.BadRequest, "bukan PDF yang valid"),
            "encrypted" => (VersionForm(SamplePdfs.Encrypted("rahasia"), "corrected"), HttpStatusCode.BadRequest, "terenkripsi"),
            "empty" => (VersionForm([], "corrected"), HttpStatusCode.BadRequest, "kosong"),
            "too-large" => (VersionForm(SamplePdfs.OnePage("besar", padding: (int)ApiFixture.MaxBytes), "final"), HttpStatusCode.RequestEntityTooLarge, "terlalu besar"),
            "no-file" => (VersionForm(null, "corrected"), HttpStatusCode.BadRequest, "Berkas belum dipilih"),
            "unknown-stage" => (VersionForm(good, "revisi"), HttpStatusCode.BadRequest, "draft, corrected, final"),
            "signed-stage" => (VersionForm(good, "signed"), HttpStatusCode.BadRequest, "penandatanganan"),
            "note-too-long" => (VersionForm(good, "corrected", new string('x', 2001)), HttpStatusCode.BadRequest, "Catatan terlalu panjang"),
            "truncated-pdf" => (VersionForm(good[..(good.Length / 2)], "corrected"), HttpStatusCode.BadRequest, "bukan PDF yang valid"),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        using var client = await App.As("staf.kanigaran");
        await ShouldBeProblemAsync(await client.PostAsync($"/api/documents/{id}/versions", form), status, message);

        (await App.CountStoredAsync()).ShouldBe(before);
        var document = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        document.GetProperty("versions").GetArrayLength().ShouldBe(1);
    }

    public static TheoryData<string> BadNewDocuments => ["random-bytes", "no-year", "bad-year", "no-title", "unknown-office", "no-file", "not-multipart"];

    [Theory]
    [MemberData(nameof(BadNewDocuments))]
    public async Task A_bad_new_document_is_refused_with_400_and_stores_nothing(string bad)
    {
        var before = await App.CountStoredAsync();
        var pdf = SamplePdfs.OnePage("dokumen baru");
        HttpContent form = bad switch
        {
            "random-bytes" => DocumentForm(SamplePdfs.RandomBytes(3000, 2)),
            "no-year" => DocumentForm(pdf, year: ""),
            "bad-year" => DocumentForm(pdf, year: "dua ribu"),
            "no-title" => DocumentForm(pdf, title: "  "),
            "unknown-office" => DocumentForm(pdf, office: "atlantis"),
            "no-file" => DocumentForm(null),
            "not-multipart" => JsonContent.Create(new { office = "kanigaran", year = 2024 }),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        using var client = await App.As("staf.kanigaran");
        await ShouldBeProblemAsync(await client.PostAsync("/api/documents", form), HttpStatusCode.BadRequest);

        (await App.CountStoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Anonymous_calls_are_refused_with_401()
    {
        var id = (await CreateDocumentAsync(SamplePdfs.OnePage("rahasia negara"))).GetProperty("id").GetString();
        using var anonymous = App.Anonymous();

        await ShouldBeProblemAsync(await anonymous.GetAsync($"/api/documents/{id}"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await anonymous.GetAsync($"/api/documents/{id}/versions/1/content"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await anonymous.PostAsync($"/api/documents/{id}/versions", VersionForm(SamplePdfs.OnePage("x"), "draft")), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await anonymous.PostAsync("/api/documents", DocumentForm(SamplePdfs.OnePage("x"))), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await anonymous.PostAsync("/api/verify", VersionForm(SamplePdfs.OnePage("x"), "draft")), HttpStatusCode.Unauthorized);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-forged-token");
        await ShouldBeProblemAsync(await anonymous.GetAsync($"/api/documents/{id}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_of_another_office_get_404_and_learn_nothing()
    {
        var id = (await CreateDocumentAsync(SamplePdfs.OnePage("hanya untuk kanigaran"))).GetProperty("id").GetString();
        var before = await App.CountStoredAsync();
        using var outsider = await App.As("sekcam.candipuro");

        var read = await outsider.GetAsync($"/api/documents/{id}");
        await ShouldBeProblemAsync(read, HttpStatusCode.NotFound);
        var unknown = await outsider.GetAsync($"/api/documents/{Guid.NewGuid()}");
        await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).ShouldNotContain("Kanigaran");
        await ShouldBeProblemAsync(await outsider.GetAsync($"/api/documents/{id}/versions/1/content"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await outsider.PostAsync($"/api/documents/{id}/versions", VersionForm(SamplePdfs.OnePage("sisipan"), "corrected")), HttpStatusCode.NotFound);

        (await App.CountStoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Nobody_creates_a_document_for_an_office_they_do_not_work_in()
    {
        var before = await App.CountStoredAsync();
        using var outsider = await App.As("staf.candipuro");
        await ShouldBeProblemAsync(await outsider.PostAsync("/api/documents", DocumentForm(SamplePdfs.OnePage("x"), office: "kanigaran")), HttpStatusCode.Forbidden);
        using var admin = await App.As("admin");
        await ShouldBeProblemAsync(await admin.PostAsync("/api/documents", DocumentForm(SamplePdfs.OnePage("x"), office: "kanigaran")), HttpStatusCode.Forbidden);
        (await App.CountStoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Auditors_read_their_assigned_offices_but_upload_nothing()
    {
        var pdf = SamplePdfs.OnePage("untuk diperiksa Inspektorat");
        var id = (await CreateDocumentAsync(pdf)).GetProperty("id").GetString();
        var before = await App.CountStoredAsync();

        using var auditor = await App.As("auditor.kanigaran");
        (await auditor.GetAsync($"/api/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.GetByteArrayAsync($"/api/documents/{id}/versions/1/content")).ShouldBe(pdf);
        using var otherAuditor = await App.As("auditor.pronojiwo");
        await ShouldBeProblemAsync(await otherAuditor.GetAsync($"/api/documents/{id}"), HttpStatusCode.NotFound);

        await ShouldBeProblemAsync(await auditor.PostAsync($"/api/documents/{id}/versions", VersionForm(SamplePdfs.OnePage("ubah"), "final")), HttpStatusCode.Forbidden);
        using var ownAuditor = await App.As("auditor.kanigaran");
        await ShouldBeProblemAsync(await ownAuditor.PostAsync("/api/documents", DocumentForm(SamplePdfs.OnePage("baru"))), HttpStatusCode.Forbidden);
        (await App.CountStoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_version_that_does_not_exist_is_404()
    {
        var id = (await CreateDocumentAsync(SamplePdfs.OnePage("satu versi"))).GetProperty("id").GetString();
        using var client = await App.As("kasi.kanigaran");
        await ShouldBeProblemAsync(await client.GetAsync($"/api/documents/{id}/versions/2/content"), HttpStatusCode.NotFound, "Versi 2");
    }

    [Fact]
    public async Task Verify_answers_a_signed_in_auditor_with_the_verifier_report()
    {
        var signed = await SignAsCamatKanigaranAsync(SamplePdfs.OnePage("LKjIP bertanda tangan"));
        using var client = await App.As("auditor.lumajang");
        var response = await client.PostAsync("/api/verify", FileForm(signed));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = (await response.Content.ReadFromJsonAsync<JsonElement>());
        json.GetProperty("verdict").GetString().ShouldBe("VALID", json.ToString());
        var signature = json.GetProperty("signatures").EnumerateArray().Single();
        signature.GetProperty("indication").GetString().ShouldBe("TOTAL_PASSED");
        signature.GetProperty("coverage").GetString().ShouldBe("ENTIRE_FILE");
        signature.GetProperty("modificationsAfter").GetString().ShouldBe("NONE");
        signature.GetProperty("level").GetString().ShouldBe("B-B");
        signature.GetProperty("signer").GetProperty("nip").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Verify_calls_a_file_changed_after_signing_invalid()
    {
        var signed = await SignAsCamatKanigaranAsync(SamplePdfs.OnePage("LKjIP bertanda tangan"));
        var tampered = (byte[])signed.Clone();
        // The page text, inside the first signed range: same length, so only the signature can tell.
        var at = tampered.AsSpan().IndexOf("LKjIP bertanda"u8);
        at.ShouldBeGreaterThan(0);
        tampered[at] = (byte)'X';
        using var client = await App.As("auditor.kanigaran");
        var json = await (await client.PostAsync("/api/verify", FileForm(tampered))).Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("verdict").GetString().ShouldBe("INVALID", json.ToString());
    }

    [Fact]
    public async Task Verify_refuses_a_file_that_is_not_a_signed_pdf_with_a_clear_4xx()
    {
        using var client = await App.As("auditor.kanigaran");
        await ShouldBeProblemAsync(await client.PostAsync("/api/verify", FileForm(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })), HttpStatusCode.BadRequest);
        await ShouldBeProblemAsync(await client.PostAsync("/api/verify", new MultipartFormDataContent()), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Verify_opens_an_encrypted_pdf_with_the_password_field_and_asks_for_it_in_one_sentence()
    {
        // qpdf --encrypt USER OWNER 256 of a sample page: with a user password, and "restrict editing" (owner only)
        static byte[] Encrypt(string user) => SamplePdfs.EncryptWithQpdf(SamplePdfs.OnePage("LKjIP terenkripsi"), user, "pemilik-berkas", "256");
        using var client = await App.As("auditor.kanigaran");
        MultipartFormDataContent With(byte[] pdf, string password)
        {
            var form = FileForm(pdf);
            form.Add(new StringContent(password), "password");
            return form;
        }

        // a user password: asked for in one sentence, a wrong one named as wrong, the right one opens the file
        var locked = Encrypt("buka-berkas");
        await ShouldBeProblemAsync(await client.PostAsync("/api/verify", FileForm(locked)), HttpStatusCode.BadRequest,
            "PDF ini terenkripsi dengan kata sandi pembuka dokumen; sertakan kata sandi itu untuk memverifikasinya (isian 'password' pada unggahan");
        await ShouldBeProblemAsync(await client.PostAsync("/api/verify", With(locked, "salah")), HttpStatusCode.BadRequest, "kata sandi yang diberikan salah");
        await ShouldBeProblemAsync(await client.PostAsync("/api/verify", With(locked, "buka-berkas")), HttpStatusCode.BadRequest, "tidak memuat tanda tangan");

        // owner password only, signed by DocSign under the document's key: VALID without a password and with the owner's
        var signed = await SignAsCamatKanigaranAsync(Encrypt(""));
        foreach (var form in new[] { FileForm(signed), With(signed, "pemilik-berkas") })
        {
            var response = await client.PostAsync("/api/verify", form);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            json.GetProperty("verdict").GetString().ShouldBe("VALID", json.ToString());
            json.GetProperty("encryption").GetString().ShouldBe("AES-256");
            json.ToString().ShouldNotContain("pemilik-berkas");
        }
    }

    private static MultipartFormDataContent FileForm(byte[] pdf)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(pdf), "file", "signed.pdf");
        return form;
    }

    private static async Task<byte[]> SignAsCamatKanigaranAsync(byte[] pdf)
    {
        DocSign.Testing.Pki.PkiServices.EnsureRunning(); // online revocation for a B-B signature
        using var token = DocSign.Signing.Pkcs12SigningToken.Open(
            DocSign.Testing.Pki.SamplePki.P12(DocSign.Testing.Pki.SamplePki.Names.CamatKanigaran), DocSign.Testing.Pki.SamplePki.Passphrase);
        using var input = new MemoryStream(pdf);
        using var output = new MemoryStream();
        await new DocSign.Signing.PadesSigner().SignAsync(input, output,
            new DocSign.Signing.SigningParameters { Reason = "Persetujuan LKjIP" }, token);
        return output.ToArray();
    }

    [Theory]
    [InlineData("staf.kanigaran", "salah-sandi")]
    [InlineData("tidak.ada", "docsign-demo")]
    public async Task A_wrong_user_name_or_password_gets_401_and_no_token(string user, string password)
    {
        using var client = App.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password });
        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "salah");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("token\"");
    }
}

public sealed class SqliteFileSystemDocumentApiTests(SqliteFileSystemApi app) : DocumentApiContract(app), IClassFixture<SqliteFileSystemApi>
{
    [Fact]
    public async Task Ten_wrong_passwords_slow_the_guesser_down_but_never_lock_the_account_or_end_its_sessions()
    {
        // All test requests share one address here, so the guesser and the owner stand at the same place; the
        // several-address scripts are in Security/LockOutScriptTests.
        using var owner = await App.As("kasi.pronojiwo");
        using var client = App.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "kasi.pronojiwo", password = $"tebakan-{i}" })).StatusCode);
        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);

        var right = await client.PostAsJsonAsync("/api/auth/token", new { username = "kasi.pronojiwo", password = "docsign-demo" });
        await ShouldBeProblemAsync(right, HttpStatusCode.TooManyRequests, "untuk akun ini dari alamat jaringan Anda");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DocSign.Infrastructure.Identity.DocSignUser>>();
            (await users.IsLockedOutAsync((await users.FindByNameAsync("kasi.pronojiwo"))!)).ShouldBeFalse();
        }
        (await owner.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK, "the owner's live session survives strangers' guesses");
    }

    [Fact]
    public void The_host_runs_on_SQLite_and_the_file_system_as_configured()
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DocSignDbContext>().Database.ProviderName.ShouldBe("Microsoft.EntityFrameworkCore.Sqlite");
        // The configured store sits behind the archive retention guard.
        app.Services.GetRequiredService<IObjectStore>().ShouldBeOfType<RetentionGuardedObjectStore>().Inner.ShouldBeOfType<FileSystemObjectStore>();
    }
}

public sealed class PostgresS3DocumentApiTests(PostgresS3Api app) : DocumentApiContract(app), IClassFixture<PostgresS3Api>
{
    [Fact]
    public void The_host_runs_on_PostgreSQL_and_S3_as_configured()
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DocSignDbContext>().Database.ProviderName.ShouldBe("Npgsql.EntityFrameworkCore.PostgreSQL");
        app.Services.GetRequiredService<IObjectStore>().ShouldBeOfType<RetentionGuardedObjectStore>().Inner.ShouldBeOfType<S3ObjectStore>();
    }

    /// <summary>Bounds only a hang: the store gives up within seconds by itself.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task With_the_S3_server_down_an_upload_gets_503_and_records_nothing_and_after_restart_all_is_intact()
    {
        var draft = SamplePdfs.OnePage("sebelum gangguan");
        var id = (await CreateDocumentAsync(draft)).GetProperty("id").GetString();
        using var client = await App.As("staf.kanigaran");
        client.Timeout = HangLimit;
        var before = await App.CountStoredAsync();

        await app.S3.StopAsync();
        try
        {
            await ShouldBeProblemAsync(
                await client.PostAsync($"/api/documents/{id}/versions", VersionForm(SamplePdfs.OnePage("selama gangguan"), "corrected")),
                HttpStatusCode.ServiceUnavailable, "coba lagi");
            var document = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
            document.GetProperty("versions").GetArrayLength().ShouldBe(1);
            (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await app.S3.StartAsync(default);
        }

        (await App.CountStoredAsync()).ShouldBe(before);
        var after = SamplePdfs.OnePage("sesudah gangguan");
        var response = await client.PostAsync($"/api/documents/{id}/versions", VersionForm(after, "corrected"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32().ShouldBe(2);
        (await client.GetByteArrayAsync($"/api/documents/{id}/versions/1/content")).ShouldBe(draft);
        (await client.GetByteArrayAsync($"/api/documents/{id}/versions/2/content")).ShouldBe(after);
    }
}
