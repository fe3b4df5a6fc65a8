using System.Text;
using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;
using FsCheck;
using FsCheck.Fluent;

namespace DocSign.Pdf.Tests;

/// <summary>Property: any object tree the serializer writes (arbitrary bytes in names and strings) is read back value-equal.</summary>
public class WrittenObjectsReadBackIdentical
{
    private static Gen<byte[]> Bytes(int max) =>
        from n in Gen.Choose(0, max)
        from b in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)
        select b;

    private static readonly Gen<PdfObject> Leaf = Gen.OneOf(
        Gen.Constant<PdfObject>(PdfNull.Instance),
        Gen.Elements(true, false).Select(b => (PdfObject)PdfBoolean.Of(b)),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (PdfObject)new PdfInteger(i * 3L)),
        (from m in Gen.Choose(-1_000_000_000, 1_000_000_000) from k in Gen.Choose(0, 8) select (PdfObject)new PdfReal(m / Math.Pow(10, k))),
        (from b in Bytes(40) from hex in Gen.Elements(true, false) select (PdfObject)new PdfString(b, hex)),
        Bytes(20).Select(b => (PdfObject)new PdfName(Encoding.Latin1.GetString(b))),
        (from n in Gen.Choose(1, 100_000) from g in Gen.Choose(0, 65535) select (PdfObject)new PdfReference(n, g)));

    private static Gen<PdfObject> Tree(int size) =>
        size <= 0 ? Leaf : Gen.OneOf(
            Leaf,
            (from n in Gen.Choose(0, 5) from items in Gen.ArrayOf(Tree(size / 2), n) select (PdfObject)new PdfArray(items)),
            (from n in Gen.Choose(0, 5)
             from keys in Gen.ArrayOf(Bytes(8).Select(b => Encoding.Latin1.GetString(b)), n)
             from values in Gen.ArrayOf(Tree(size / 2), n)
             select (PdfObject)MakeDict(keys, values)));

    private static PdfDictionary MakeDict(string[] keys, PdfObject[] values)
    {
        var d = new PdfDictionary();
        for (int i = 0; i < keys.Length; i++) d.Set(keys[i], values[i]);
        return d;
    }

    private static readonly Gen<PdfObject> TopLevel = Gen.OneOf(
        Gen.Sized(s => Tree(Math.Min(s, 16))).Select(o => o is PdfReference ? new PdfArray(o) : o), // the writer refuses a bare reference as an object
        (from d in Gen.Sized(s => Tree(Math.Min(s, 8))).Select(o => o as PdfDictionary ?? new PdfDictionary())
         from data in Bytes(300)
         from compress in Gen.Elements(true, false)
         select (PdfObject)PdfIncrementalWriter.CreateStream(StripStreamKeys(d), data, compress)));

    private static PdfDictionary StripStreamKeys(PdfDictionary d)
    {
        foreach (var k in new[] { "Length", "Filter", "DecodeParms" }) d.Remove(k);
        return d;
    }

    private static readonly byte[] Base = SamplePdfs.ClassicXref();

    private static bool RoundTrips(PdfObject[] objects)
    {
        using var f = PdfFile.Open(Base);
        var w = new PdfIncrementalWriter(f);
        var refs = objects.Select(w.Add).ToArray();
        var ms = new MemoryStream();
        w.WriteTo(ms);
        using var g = PdfFile.Open(ms.ToArray());
        for (int i = 0; i < objects.Length; i++)
        {
            var back = g.Latest.GetObject(refs[i]);
            if (!PdfObject.ValueEquals(back, objects[i])) return false;
            if (objects[i] is PdfStream s && s.Dictionary.ContainsKey("Filter") &&
                !g.ReadDecodedStreamData((PdfStream)back).AsSpan().SequenceEqual(Inflate(s.Data!)))
                return false;
        }
        return true;
    }

    private static byte[] Inflate(byte[] z)
    {
        using var zs = new System.IO.Compression.ZLibStream(new MemoryStream(z), System.IO.Compression.CompressionMode.Decompress);
        var o = new MemoryStream();
        zs.CopyTo(o);
        return o.ToArray();
    }

    [Fact]
    public void Random_object_trees_survive_write_and_read()
    {
        var gen = Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(TopLevel, n));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400).WithReplay(new Replay(new Rnd(42UL, 11UL), null)),
            Prop.ForAll(Arb.From(gen), RoundTrips));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(-0.001, "-0.001")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(42.0, "42.0")]
    public void Reals_are_written_without_exponents(double value, string text)
    {
        Encoding.ASCII.GetString(PdfSerializer.ToBytes(new PdfReal(value))).ShouldBe(text);
    }

    [Fact]
    public void Names_and_strings_escape_what_they_must()
    {
        Encoding.Latin1.GetString(PdfSerializer.ToBytes(new PdfName("A B#(/)\u00e9"))).ShouldBe("/A#20B#23#28#2F#29#E9");
        Encoding.Latin1.GetString(PdfSerializer.ToBytes(new PdfString(Encoding.Latin1.GetBytes("a(b)c\\\r\n\u0001")))).ShouldBe("(a\\(b\\)c\\\\\\r\\n\\001)");
        Encoding.Latin1.GetString(PdfSerializer.ToBytes(new PdfString([0xDE, 0xAD], isHex: true))).ShouldBe("<DEAD>");
    }
}
