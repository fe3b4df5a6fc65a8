namespace DocSign.Pdf.Internal;

/// <summary>Finds object headers ("num gen obj") in raw bytes, wherever they stand, as a viewer that rebuilds a damaged cross-reference by scanning finds them.</summary>
internal static class ObjectHeaderScanner
{
    public static IReadOnlyList<PdfObjectHeader> Scan(PdfInput input, PdfLimits limits, WorkGuard guard, long length, long start, long end)
    {
        start = Math.Max(0, start);
        end = Math.Min(length, end);
        var found = new List<PdfObjectHeader>();
        const int Chunk = 1 << 20, Overlap = 256;
        var buf = new byte[Chunk + Overlap];
        for (long pos = start; pos < end; pos += Chunk)
        {
            guard.Check();
            long from = Math.Max(start, pos - Overlap);
            int n = input.ReadAt(from, buf.AsSpan(0, (int)Math.Min(buf.Length, end - from)));
            var span = buf.AsSpan(0, n);
            int skip = (int)(pos - from); // headers whose "obj" starts before pos were seen in the previous chunk
            for (int i = span.IndexOf("obj"u8); i >= 0; )
            {
                if (i >= skip && HeaderBefore(span, i, out int num, out int gen, out int at))
                {
                    found.Add(new PdfObjectHeader(from + at, num, gen));
                    if (found.Count > limits.MaxObjects)
                        throw new PdfLimitExceededException(nameof(PdfLimits.MaxObjects), limits.MaxObjects, "Too many object headers", from + at);
                }
                int next = span[(i + 3)..].IndexOf("obj"u8);
                i = next < 0 ? -1 : i + 3 + next;
            }
        }
        return found;
    }

    // "12 0 obj": digits, white space, digits, optional white space, then "obj" not followed by a regular character.
    private static bool HeaderBefore(ReadOnlySpan<byte> s, int objAt, out int num, out int gen, out int start)
    {
        num = gen = 0; start = -1;
        if (objAt + 3 < s.Length && PdfParser.IsRegular(s[objAt + 3])) return false;
        int i = objAt - 1;
        while (i >= 0 && PdfParser.IsWhite(s[i])) i--;
        int ge = i;
        while (i >= 0 && s[i] is >= (byte)'0' and <= (byte)'9') i--;
        // Leading zeros are digits a tokenizer reads ("0000000012 00000 obj"): the value decides, not the length.
        if (i == ge || ge - i > 64) return false;
        int gs = i + 1;
        if (i < 0 || !PdfParser.IsWhite(s[i])) return false;
        while (i >= 0 && PdfParser.IsWhite(s[i])) i--;
        int ne = i;
        while (i >= 0 && s[i] is >= (byte)'0' and <= (byte)'9') i--;
        if (i == ne || ne - i > 64) return false;
        if (i >= 0 && PdfParser.IsRegular(s[i])) return false; // "x12 0 obj" is no header to a tokenizer
        long nv = 0, gv = 0;
        for (int k = i + 1; k <= ne && nv <= int.MaxValue; k++) nv = nv * 10 + (s[k] - '0');
        for (int k = gs; k <= ge && gv <= 65535; k++) gv = gv * 10 + (s[k] - '0');
        if (nv > int.MaxValue || gv > 65535) return false;
        num = (int)nv; gen = (int)gv; start = i + 1;
        return true;
    }
}
