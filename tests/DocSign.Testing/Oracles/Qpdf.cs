namespace DocSign.Testing.Oracles;

/// <summary>qpdf --check: structure, xref and streams of every revision as qpdf reads them.</summary>
public static class Qpdf
{
    /// <summary>Runs qpdf --check. Clean means exit 0 and no warnings.</summary>
    public static ToolResult Check(string pdfPath) => ExternalTool.Run("qpdf", ["--check", pdfPath]);

    /// <summary>Runs qpdf --check on bytes (written to a temporary file). Exit 0 = no errors, 3 = warnings only.</summary>
    public static ToolResult Check(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"docsign-qpdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try { return Check(path); }
        finally { File.Delete(path); }
    }

    /// <summary>True when qpdf found neither errors nor warnings.</summary>
    public static bool IsClean(ToolResult r) =>
        r.ExitCode == 0 && !r.Output.Contains("WARNING", StringComparison.OrdinalIgnoreCase)
        && r.Output.Contains("No syntax or stream encoding errors found", StringComparison.Ordinal);
}
