using System.Text;
using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>
/// Reads the classic cross-reference tables of one revision again, token by token, only to find object
/// numbers named more than once in the same section. Readers disagree on which of two such entries counts
/// (pdf.js, poppler and qpdf keep the first, a dictionary-filling reader the last), so an update that
/// contains one can show one thing to the verifier and another to the auditor's viewer.
/// </summary>
internal static class XrefTableScanner
{
    public static IReadOnlyList<int> DuplicateObjectNumbers(PdfFile file, PdfRevision revision)
    {
        var dups = new SortedSet<int>();
        // A cross-reference stream names an object twice only through overlapping /Index ranges.
        if (revision.XrefKind == PdfXrefKind.Stream && revision.Trailer["Index"] is PdfArray index)
        {
            var ranges = new List<(long First, long Count)>();
            for (int i = 0; i + 1 < index.Count; i += 2)
                if (index[i] is PdfInteger a && index[i + 1] is PdfInteger b) ranges.Add((a.Value, b.Value));
            ranges.Sort();
            for (int i = 1; i < ranges.Count; i++)
            {
                long prevEnd = ranges[i - 1].First + ranges[i - 1].Count;
                if (ranges[i].First < prevEnd && ranges[i].Count > 0 && ranges[i].First <= int.MaxValue) dups.Add((int)ranges[i].First);
            }
        }
        foreach (var offset in revision.SectionOffsets)
        {
            if (offset < 0 || offset >= file.Length) continue;
            using var s = new BufferedStream(file.OpenRange(offset, file.Length - offset), 1 << 16);
            if (Next(s) != "xref") continue;
            var seen = new HashSet<long>();
            while (true)
            {
                var a = Next(s);
                if (a is null or "trailer" || !long.TryParse(a, out var first)) break;
                if (!long.TryParse(Next(s), out var count) || count < 0 || count > 10_000_000) break;
                for (long i = 0; i < count; i++)
                {
                    Next(s); Next(s);
                    if (Next(s) is not ("n" or "f")) return dups.ToList();
                    if (!seen.Add(first + i) && first + i <= int.MaxValue && dups.Count < 50) dups.Add((int)(first + i));
                }
            }
        }
        return dups.ToList();
    }

    private static string? Next(Stream s)
    {
        int c;
        do c = s.ReadByte(); while (c is ' ' or '\r' or '\n' or '\t' or '\f' or 0);
        if (c < 0) return null;
        var sb = new StringBuilder();
        while (c >= 0 && c is not (' ' or '\r' or '\n' or '\t' or '\f' or 0) && sb.Length < 32)
        {
            sb.Append((char)c);
            c = s.ReadByte();
        }
        return sb.ToString();
    }
}
