using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;
using FsCheck;
using FsCheck.Fluent;

namespace DocSign.Pdf.Tests;

/// <summary>
/// Property: any mutation of a valid PDF (byte flips, truncations, duplicated and deleted ranges) is
/// either read or refused with a <see cref="PdfException"/>; never another exception, a hang (the
/// per-call time limit would turn it into a typed error, which the property then rejects) or a large allocation.
/// </summary>
public class MutatedPdfsNeverCrashOrHang
{
    private static readonly byte[][] Seeds =
    [
        SamplePdfs.ClassicXref(), SamplePdfs.XrefStream(), SamplePdfs.HybridReference(),
        SamplePdfs.MultiRevision(), SamplePdfs.MultiPageText(3),
    ];

    public enum MutationKind { Flip, SetByte, Truncate, Delete, Duplicate, InsertDigits }

    public sealed record Mutation(MutationKind Kind, int Position, int Length, int Target, byte Value);

    public sealed record Case(int Seed, Mutation[] Mutations)
    {
        public override string ToString() => $"seed {Seed}: " + string.Join("; ", Mutations.Select(m => m.ToString()));
    }

    private static readonly Gen<Mutation> MutationGen =
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from pos in Gen.Choose(0, 100_000)
        from len in Gen.Choose(1, 64)
        from target in Gen.Choose(0, 100_000)
        from value in Gen.Choose(0, 255)
        select new Mutation(kind, pos, len, target, (byte)value);

    private static readonly Gen<Case> CaseGen =
        from seed in Gen.Choose(0, Seeds.Length - 1)
        from count in Gen.Choose(1, 4)
        from ms in Gen.ArrayOf(MutationGen, count)
        select new Case(seed, ms);

    internal static byte[] Apply(Case c)
    {
        var b = new List<byte>(Seeds[c.Seed]);
        foreach (var m in c.Mutations)
        {
            if (b.Count == 0) break;
            int pos = m.Position % b.Count;
            int len = Math.Min(m.Length, b.Count - pos);
            switch (m.Kind)
            {
                case MutationKind.Flip: b[pos] ^= (byte)(1 << (m.Value % 8)); break;
                case MutationKind.SetByte: b[pos] = m.Value; break;
                case MutationKind.Truncate: b.RemoveRange(pos, b.Count - pos); break;
                case MutationKind.Delete: b.RemoveRange(pos, len); break;
                case MutationKind.Duplicate: b.InsertRange(m.Target % (b.Count + 1), b.GetRange(pos, len)); break;
                case MutationKind.InsertDigits: b.InsertRange(pos, "9999999999"u8.ToArray()[..Math.Min(len, 10)]); break;
            }
        }
        return b.ToArray();
    }

    private static readonly PdfLimits Limits = PdfLimits.Default with
    {
        MaxCallDuration = TimeSpan.FromSeconds(2),
        MaxDecodedStreamBytes = 4 * 1024 * 1024,
        MaxDecodedBytesPerFile = 16 * 1024 * 1024,
    };

    private int _read, _refused;

    private bool ReadIsTypedOrOk(Case c)
    {
        var bytes = Apply(c);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            using var f = PdfFile.Open(bytes, Limits);
            PdfWalk.ReadEverything(f);
            _read++;
        }
        catch (PdfLimitExceededException e) when (e.Limit == nameof(PdfLimits.MaxCallDuration))
        {
            return false; // a hang would end here
        }
        catch (PdfException) { _refused++; }
        return GC.GetAllocatedBytesForCurrentThread() - before < 64L * 1024 * 1024;
    }

    [Fact]
    public void Thousands_of_mutations_are_read_or_refused_with_a_typed_error()
    {
        var property = Prop.ForAll(Arb.From(CaseGen), ReadIsTypedOrOk);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(4000).WithReplay(new Replay(new Rnd(20261121UL, 7UL), null)), property);
        // The mutations must exercise both outcomes, or the property proves little.
        (_read + _refused).ShouldBe(4000);
        _read.ShouldBeGreaterThan(200);
        _refused.ShouldBeGreaterThan(200);
    }
}
