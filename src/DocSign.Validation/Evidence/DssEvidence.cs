using System.Formats.Asn1;
using System.Security.Cryptography;
using DocSign.Pdf;
using DocSign.Validation.Crypto;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Evidence;

/// <summary>The document security store: its certificates, OCSP responses and CRLs, and the revisions that wrote it.</summary>
internal static class DssEvidence
{
    internal static EmbeddedRevocation Read(PdfFile file, VerificationReport report)
    {
        var result = new EmbeddedRevocation();
        var view = file.Latest;
        if (view.Resolve(view.Catalog["DSS"]) is not PdfDictionary dss) return result;
        var seen = new HashSet<PdfReference>();
        IEnumerable<byte[]> Streams(PdfObject? arrObj)
        {
            if (view.Resolve(arrObj) is not PdfArray arr) yield break;
            foreach (var item in arr)
            {
                if (item is PdfReference r && !seen.Add(r)) continue;
                if (view.Resolve(item) is not PdfStream s) continue;
                byte[]? data = null;
                try { data = file.ReadDecodedStreamData(s); }
                catch (PdfException ex) { report.Messages.Add("data validasi DSS tidak dapat dibaca: " + ex.Message); }
                if (data is not null) yield return data;
            }
        }
        var certArrays = new List<PdfObject?> { dss["Certs"] };
        var ocspArrays = new List<PdfObject?> { dss["OCSPs"] };
        var crlArrays = new List<PdfObject?> { dss["CRLs"] };
        if (view.Resolve(dss["VRI"]) is PdfDictionary vri)
            foreach (var kv in vri.Take(10_000))
                if (view.Resolve(kv.Value) is PdfDictionary entry)
                {
                    certArrays.Add(entry["Cert"]); ocspArrays.Add(entry["OCSP"]); crlArrays.Add(entry["CRL"]);
                }
        foreach (var a in certArrays)
            foreach (var d in Streams(a))
            {
                try { result.Certificates.Add(CertificateCache.Load(d)); }
                catch (CryptographicException) { report.Messages.Add("sertifikat dalam DSS tidak dapat dibaca"); }
            }
        foreach (var a in ocspArrays)
            foreach (var d in Streams(a))
            {
                var o = OcspResponse.TryParse(d, out var err);
                if (o is null)
                {
                    // Some producers store the BasicOCSPResponse alone.
                    try { o = OcspResponse.ParseBasic(d, d); } catch (Exception ex) when (ex is AsnContentException or CryptographicException or InvalidOperationException or ArgumentException) { }
                }
                if (o is not null) result.Ocsps.Add((o, "DSS"));
                else report.Messages.Add("respons OCSP dalam DSS tidak dapat dibaca: " + err);
            }
        foreach (var a in crlArrays)
            foreach (var d in Streams(a))
            {
                var c = Crl.TryParse(d, out var err);
                if (c is not null) result.Crls.Add((c, "DSS"));
                else report.Messages.Add("CRL dalam DSS tidak dapat dibaca: " + err);
            }
        foreach (var (o, _) in result.Ocsps) result.Certificates.AddRange(o.Certificates);
        return result;
    }

    /// <summary>
    /// The revisions that wrote the DSS (its dictionary, or the catalog holding it directly), in order. A signature
    /// reaches B-LT through the first of these after it: the first DSS of the file may predate a later signature
    /// (a paraf taken to B-LTA, then the Camat's signature), and that one cannot hold the later signer's data.
    /// </summary>
    internal static List<int> Revisions(PdfFile file)
    {
        var list = new List<int>();
        for (int i = 0; i < file.Revisions.Count; i++)
        {
            try
            {
                var view = file.AtRevision(i);
                var dss = view.Catalog["DSS"];
                if (dss is null) continue;
                var entries = file.Revisions[i].Entries;
                bool written = dss is PdfReference r
                    ? entries.ContainsKey(r.ObjectNumber)
                    : view.Trailer["Root"] is PdfReference root && entries.ContainsKey(root.ObjectNumber);
                // The first revision with a DSS counts even when it reuses an object number from before.
                if (written || list.Count == 0) list.Add(i);
            }
            catch (PdfException) { }
        }
        return list;
    }
}
