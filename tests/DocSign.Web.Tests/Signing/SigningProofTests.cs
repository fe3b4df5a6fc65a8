using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Tests.Signing;

/// <summary>
/// A signature proves who signed: enrolment takes only a certificate under the signing trust anchor that names the
/// person, a signature that does not verify VALID right away records nothing, and parallel guesses of the passphrase
/// get exactly the designed free tries. Each test leaves the Camat of Candipuro as it found him.
/// </summary>
public abstract partial class SigningApiContract
{
    private const string Office = "candipuro";

    private static MultipartFormDataContent KeyForm(byte[] p12, string passphrase)
    {
        var form = new MultipartFormDataContent { { new StringContent(passphrase), "passphrase" }, { new StringContent("definitive"), "authority" } };
        var part = new ByteArrayContent(p12);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/x-pkcs12");
        form.Add(part, "file", "kunci.p12");
        return form;
    }

    /// <summary>
    /// A signer key for <paramref name="subject"/>: self-signed, or issued by the sample Signing CA (whose key is in the
    /// repository), with the signing key usage; the PKCS#12 carries the issuer as the sample files do.
    /// </summary>
    private static byte[] KeyFor(string subject, bool underSampleCa, string passphrase)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        var to = DateTimeOffset.UtcNow.AddYears(1);
        if (!underSampleCa)
            return request.CreateSelfSigned(from, to).Export(X509ContentType.Pkcs12, passphrase)!;
        using var ca = X509Certificate2.CreateFromEncryptedPemFile(SamplePki.PathOf("signing-ca.pem"), SamplePki.Passphrase, SamplePki.PathOf("ca/signing-ca.key.pem"));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = request.Create(ca, from, to, RandomNumberGenerator.GetBytes(12));
        var bundle = new X509Certificate2Collection { issued.CopyWithPrivateKey(key), SamplePki.SigningCa() };
        return bundle.Export(X509ContentType.Pkcs12, passphrase)!;
    }

    private async Task<SignerEnrolment> CandipuroCamatKeyAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var camatId = await UserIdAsync($"camat.{Office}");
        return await db.Set<SignerEnrolment>().AsNoTracking()
            .SingleAsync(e => e.UserId == camatId && e.OfficeId == Office && e.Purpose == SignatureKind.Sign && e.RetiredAt == null);
    }

    /// <summary>The Camat of Candipuro back on his sample key, with no wrong passphrases counted.</summary>
    private async Task RestoreCandipuroCamatAsync()
    {
        using var admin = await App.As("admin");
        var camatId = await UserIdAsync($"camat.{Office}");
        var sample = await File.ReadAllBytesAsync(SamplePki.P12($"camat-{Office}"));
        if (!(await CandipuroCamatKeyAsync()).Pkcs12.SequenceEqual(sample))
        {
            var back = await admin.PostAsync($"/api/signers/{camatId}/enrolment", KeyForm(sample, SamplePki.Passphrase));
            back.StatusCode.ShouldBe(HttpStatusCode.Created, await back.Content.ReadAsStringAsync());
        }
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        await db.Set<SignerEnrolment>().Where(e => e.UserId == camatId).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.FailedAttempts, 0).SetProperty(e => e.LastFailureAt, (DateTimeOffset?)null));
    }

    [Fact]
    public async Task Enrolment_refuses_a_certificate_that_does_not_prove_the_person_and_accepts_his_own_without_a_NIP()
    {
        using var admin = await App.As("admin");
        var camatId = await UserIdAsync($"camat.{Office}");
        const string pass = "Kunci-Uji-5521";
        const string organisation = "OU=Kecamatan Candipuro, O=Pemerintah Kabupaten Lumajang, C=ID";
        var before = await CandipuroCamatKeyAsync();
        try
        {
            // The attack as it was found: a self-signed "Orang Lain / NIP 1960…" enrolled for the Camat.
            var cases = new (string Subject, bool UnderCa, string Said)[]
            {
                ($"CN=Orang Lain / NIP 196001011985031001, SERIALNUMBER=NIP:196001011985031001, {organisation}", false, "tidak dipercaya"),
                // His own name and NIP, but self-signed: nothing vouches for it.
                ($"CN=Sri Wahyuningsih / NIP 197610222002122004, SERIALNUMBER=NIP:197610222002122004, {organisation}", false, "tidak dipercaya"),
                // Under the signing CA, but someone else's name.
                ($"CN=Orang Lain / NIP 197610222002122004, SERIALNUMBER=NIP:197610222002122004, {organisation}", true, "bukan \"Sri Wahyuningsih\""),
                // Under the signing CA, his name, another NIP.
                ($"CN=Sri Wahyuningsih / NIP 196001011985031001, SERIALNUMBER=NIP:196001011985031001, {organisation}", true, "NIP pada sertifikat (196001011985031001)"),
            };
            foreach (var (subject, underCa, said) in cases)
                await ShouldBeProblemAsync(await admin.PostAsync($"/api/signers/{camatId}/enrolment", KeyForm(KeyFor(subject, underCa, pass), pass)),
                    HttpStatusCode.BadRequest, said);
            // A sample certificate under another root (test-untrusted) is refused as well.
            await ShouldBeProblemAsync(await admin.PostAsync($"/api/signers/{camatId}/enrolment",
                KeyForm(await File.ReadAllBytesAsync(SamplePki.P12("test-untrusted")), SamplePki.Passphrase)), HttpStatusCode.BadRequest, "tidak dipercaya");
            (await CandipuroCamatKeyAsync()).Id.ShouldBe(before.Id, "a refused enrolment changes nothing");

            // A BSrE-style certificate: his name only (other case and spacing), no NIP. Accepted.
            var own = await admin.PostAsync($"/api/signers/{camatId}/enrolment",
                KeyForm(KeyFor($"CN=SRI  wahyuningsih, {organisation}", true, pass), pass));
            own.StatusCode.ShouldBe(HttpStatusCode.Created, await own.Content.ReadAsStringAsync());
        }
        finally
        {
            await RestoreCandipuroCamatAsync();
        }
    }

    [Fact]
    public async Task A_signature_that_does_not_verify_VALID_records_nothing_and_the_step_stays_open()
    {
        using var admin = await App.As("admin");
        var camatId = await UserIdAsync($"camat.{Office}");
        await RestoreCandipuroCamatAsync();
        try
        {
            // A key the enrolment would refuse, placed as an older enrolment might have left it: it signs, but its
            // signature is INDETERMINATE (no chain to a trusted root). B-B, so that the engine itself does not stop it.
            (await admin.PutAsJsonAsync($"/api/offices/{Office}/signing-settings", new { level = "B-B" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var bytes = await File.ReadAllBytesAsync(SamplePki.P12("test-untrusted"));
                var certificate = scope.ServiceProvider.GetRequiredService<ISignatureService>().ReadCertificate(bytes, SamplePki.Passphrase);
                await scope.ServiceProvider.GetRequiredService<ISignerKeyStore>().AddAsync(new SignerEnrolment(Guid.NewGuid(), camatId, Office,
                    SignatureKind.Sign, bytes, certificate, "Camat Candipuro", SigningAuthorityKind.Definitive, null, null, null, "test", DateTimeOffset.UtcNow));
            }
            var (id, _) = await FinalDocumentAsync(Office);
            using var camat = await App.As($"camat.{Office}");
            var objects = await StoredObjectCountAsync();

            await ShouldBeProblemAsync(await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase }), HttpStatusCode.BadRequest, "tidak sah");

            (await DocumentAsync(id)).GetProperty("versions").GetArrayLength().ShouldBe(2);
            (await StoredObjectCountAsync()).ShouldBe(objects);
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
                (await db.Set<SignatureRecord>().AsNoTracking().CountAsync(r => r.DocumentId == id)).ShouldBe(0);
                (await db.AuditEntries.AsNoTracking().CountAsync(a => a.DocumentId == id && a.Action == "document.signed")).ShouldBe(0);
                (await db.AuditEntries.AsNoTracking().CountAsync(a => a.DocumentId == id && a.Action == "document.sign-failed"
                    && a.Detail!.Contains("own verification INDETERMINATE"))).ShouldBe(1);
                (await db.Set<SignerEnrolment>().AsNoTracking().SingleAsync(e => e.UserId == camatId && e.RetiredAt == null && e.Purpose == SignatureKind.Sign))
                    .FailedAttempts.ShouldBe(0, "a right passphrase is no failed attempt");
            }

            // The version is still waiting for the Camat: with his own key he signs it now, as version 3.
            await RestoreCandipuroCamatAsync();
            (await admin.PutAsJsonAsync($"/api/offices/{Office}/signing-settings", new { level = "default" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            var signed = await SignAsync(camat, id, new { passphrase = SamplePki.Passphrase });
            signed.StatusCode.ShouldBe(HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
            var body = await signed.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("verification").GetProperty("verdict").GetString().ShouldBe("VALID");
            (await DocumentAsync(id)).GetProperty("versions").GetArrayLength().ShouldBe(3);
        }
        finally
        {
            (await admin.PutAsJsonAsync($"/api/offices/{Office}/signing-settings", new { level = "default" })).EnsureSuccessStatusCode();
            await RestoreCandipuroCamatAsync();
        }
    }

    [Fact]
    public async Task Twenty_parallel_wrong_passphrases_get_exactly_the_free_tries_and_the_stored_count_says_so()
    {
        await RestoreCandipuroCamatAsync();
        try
        {
            var free = App.Services.GetRequiredService<IOptions<SigningOptions>>().Value.FreeAttempts;
            var (id, _) = await FinalDocumentAsync(Office);
            using var camat = await App.As($"camat.{Office}");
            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignAsync(camat, id, new { passphrase = $"Tebakan-Paralel-{i:00}" })));
            var statuses = responses.Select(r => r.StatusCode).ToList();
            var bodies = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
            statuses.Count(s => s == HttpStatusCode.BadRequest).ShouldBe(free, bodies);
            statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(20 - free, string.Join(", ", statuses));

            (await CandipuroCamatKeyAsync()).FailedAttempts.ShouldBe(free);
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            (await db.AuditEntries.AsNoTracking().CountAsync(a => a.DocumentId == id && a.Action == "document.sign-failed"
                && a.Detail!.StartsWith("wrong passphrase"))).ShouldBe(free);
            (await db.Set<SignatureRecord>().AsNoTracking().CountAsync(r => r.DocumentId == id)).ShouldBe(0);
        }
        finally
        {
            await RestoreCandipuroCamatAsync();
        }
    }
}
