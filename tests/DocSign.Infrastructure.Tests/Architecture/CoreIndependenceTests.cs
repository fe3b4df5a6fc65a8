using System.Reflection;
using DocSign.Core.Ports;

namespace DocSign.Infrastructure.Tests.Architecture;

/// <summary>
/// Core holds the use cases and speaks to the PDF/signing/validation engine only through its ports: a reference
/// back to the engine would let engine types leak into use cases and make the engine impossible to swap or test apart.
/// </summary>
public sealed class CoreIndependenceTests
{
    private static readonly string[] EngineAssemblies = ["DocSign.Pdf", "DocSign.Signing", "DocSign.Validation", "DocSign.Infrastructure"];

    [Fact]
    public void Core_assembly_references_no_engine_or_adapter_assembly()
    {
        var references = typeof(IPdfInspector).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        references.ShouldNotBeEmpty();
        references.Intersect(EngineAssemblies).ShouldBeEmpty();
    }

    [Fact]
    public void Core_project_file_has_no_project_reference_to_the_engine()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DocSign.sln"))) dir = dir.Parent;
        dir.ShouldNotBeNull("the test runs inside the repository");
        var csproj = File.ReadAllText(Path.Combine(dir.FullName, "src", "DocSign.Core", "DocSign.Core.csproj"));
        foreach (var engine in EngineAssemblies)
            csproj.ShouldNotContain(engine + ".csproj");
    }
}
