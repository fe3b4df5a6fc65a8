using DocSign.Pdf;

namespace DocSign.Validation.Evidence;

/// <summary>The byte range and /Contents of each signature as the file holds them: facts only.</summary>
internal static class StructureEvidence
{
    internal static void Check(SignatureEvidence e, PdfFile file)
    {
        var f = e.Field;
        var r = e.Result;
        void Bad(string m) { r.Messages.Add(m); e.FormatOk = false; }
        if (f.ByteRangeProblem is not null) Bad(f.ByteRangeProblem);
        if (f.ContentsProblem is not null) Bad(f.ContentsProblem);
        if (f.Contents is { Length: 0 }) Bad("/Contents kosong");
        else if (f.Contents is not null && f.Contents.AsSpan().IndexOfAnyExcept((byte)0) < 0) Bad("/Contents hanya berisi nol (tanda tangan kosong)");
        if (f.ByteRange is { } br)
        {
            if (br.Any(x => x < 0)) Bad("/ByteRange memuat angka negatif");
            else if (br[0] != 0) Bad("/ByteRange tidak dimulai dari byte 0");
            else if (br[1] <= 0 || br[2] < br[1] || br[3] < 0 || br[2] > file.Length || br[3] > file.Length - br[2])
                Bad($"/ByteRange [{string.Join(' ', br)}] tidak masuk akal untuk berkas {file.Length} byte");
            else
            {
                if (f.ContentsStart >= 0 && (f.ContentsStart != br[1] || f.ContentsEnd != br[2]))
                    Bad($"celah /ByteRange ({br[1]}..{br[2]}) bukan string /Contents tanda tangan ini ({f.ContentsStart}..{f.ContentsEnd}): pola serangan signature wrapping");
                long end = br[2] + br[3];
                int rev = -1;
                for (int i = 0; i < file.Revisions.Count; i++)
                    if (file.Revisions[i].EndOffset == end || file.Revisions[i].EofMarkerEnd == end) { rev = i; break; }
                f.Revision = rev;
                r.Revision = rev;
                if (rev < 0)
                {
                    r.Coverage = Coverage.Partial;
                    Bad($"/ByteRange berakhir di byte {end}, bukan di akhir sebuah revisi dokumen");
                }
                else
                {
                    bool last = rev == file.Revisions.Count - 1;
                    r.Coverage = last && (end == file.Length || file.Revisions[rev].EndOffset == file.Length || OnlyWhitespaceAfter(file, end))
                        ? Coverage.EntireFile : Coverage.EntireRevision;
                }
            }
        }
        else r.Coverage = Coverage.Partial;
        if (!f.IsDocTimestamp && f.SubFilter is "adbe.x509.rsa_sha1")
            Bad("/SubFilter adbe.x509.rsa_sha1 (tanda tangan PKCS#1 tanpa CMS) tidak didukung");
        else if (!f.IsDocTimestamp && f.SubFilter is not ("ETSI.CAdES.detached" or "adbe.pkcs7.detached" or "adbe.pkcs7.sha1"))
            r.Messages.Add($"/SubFilter {f.SubFilter ?? "(tidak ada)"} tidak standar; diperiksa sebagai CMS terlepas (detached)");
    }

    internal static bool OnlyWhitespaceAfter(PdfFile file, long end)
    {
        if (file.Length - end > 4096) return false;
        using var s = file.OpenRange(end, file.Length - end);
        var buf = new byte[file.Length - end];
        s.ReadExactly(buf);
        return buf.AsSpan().IndexOfAnyExcept(" \r\n\t\0"u8) < 0;
    }

    internal static string? TrailingProblem(Stream stream, PdfFile file)
    {
        long end = file.Revisions[^1].EndOffset;
        if (end >= file.Length) return null;
        if (OnlyWhitespaceAfter(file, end)) return null;
        return $"ada {file.Length - end} byte setelah %%EOF terakhir yang bukan bagian dari revisi mana pun";
    }
}
