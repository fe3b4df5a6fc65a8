using System.Diagnostics;
using System.Globalization;
using DocSign.Pdf;

// DocSign benchmarks. Each command prints one line of key=value pairs that scripts/bench.sh parses.
//   pdf-structure FILE   read xref, trailers, every object header (streams not loaded) and the page tree
//   pdf-update FILE      copy FILE to a temporary file and append an update with a 16 KB /Contents placeholder (what signing writes)
return args switch
{
    ["pdf-structure", var file] => PdfStructure(file),
    ["pdf-update", var file] => PdfUpdate(file),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: DocSign.Bench pdf-structure FILE | pdf-update FILE");
    return 2;
}

static int PdfUpdate(string path)
{
    var output = Path.Combine(Path.GetTempPath(), $"docsign-bench-{Environment.ProcessId}.pdf");
    try
    {
        Update(path, output); // JIT
        GC.Collect();
        long allocBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        long written = Update(path, output);
        sw.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pdf-update file={Path.GetFileName(path)} size_bytes={new FileInfo(path).Length} output_bytes={written} elapsed_ms={sw.Elapsed.TotalMilliseconds:F2} allocated_bytes={allocated} peak_working_set_bytes={Process.GetCurrentProcess().PeakWorkingSet64}"));
        return 0;
    }
    finally { File.Delete(output); }
}

static long Update(string path, string output)
{
    using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    using var pdf = PdfFile.Open(input);
    var w = new PdfIncrementalWriter(pdf);
    var contents = PdfPlaceholder.HexString(16 * 1024);
    var byteRange = PdfPlaceholder.ByteRange();
    var sig = w.Add(new PdfDictionary().Set("Type", new PdfName("Sig")).Set("ByteRange", byteRange).Set("Contents", contents));
    var page = pdf.GetPages()[0];
    var pageCopy = w.EditDictionary(page.Reference!);
    pageCopy.Set("DocSignBench", sig);
    using var outStream = new FileStream(output, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1);
    w.WriteTo(outStream);
    PdfPlaceholderPatcher.PatchByteRange(outStream, byteRange, PdfPlaceholderPatcher.ByteRangeExcluding(contents, outStream.Length));
    PdfPlaceholderPatcher.PatchHexString(outStream, contents, [0x30, 0x82]);
    return outStream.Length;
}

static int PdfStructure(string path)
{
    // One untimed pass JIT-compiles the reader; the timed pass opens the file afresh (new PdfFile, no cache).
    Structure(path);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    long allocBefore = GC.GetAllocatedBytesForCurrentThread();
    var sw = Stopwatch.StartNew();
    var (revisions, objects, streams, pages) = Structure(path);
    sw.Stop();
    long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"pdf-structure file={Path.GetFileName(path)} size_bytes={new FileInfo(path).Length} revisions={revisions} objects={objects} streams={streams} pages={pages} elapsed_ms={sw.Elapsed.TotalMilliseconds:F2} allocated_bytes={allocated}"));
    return 0;
}

static (int Revisions, int Objects, int Streams, int Pages) Structure(string path)
{
    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
    using var pdf = PdfFile.Open(stream);
    int objects = 0, streams = 0;
    for (int r = 0; r < pdf.Revisions.Count; r++)
    {
        var view = pdf.AtRevision(r);
        foreach (var num in pdf.Revisions[r].DefinedObjects)
        {
            // Parses "n g obj" and the object; a stream's dictionary and data bounds only, never its data.
            if (view.GetObject(num) is PdfStream) streams++;
            objects++;
        }
    }
    int pages = pdf.GetPages().Count;
    return (pdf.Revisions.Count, objects, streams, pages);
}
