using System.Buffers;
using System.Security.Cryptography;

namespace DocSign.Validation.Crypto;

/// <summary>
/// Hashes several byte-range sets of one file in a single sequential pass (the file SHA-256 and every
/// signature's /ByteRange digest), so that a 100 MB file is read once, in 1 MB chunks, whatever the number
/// of signatures.
/// </summary>
internal sealed class RangeHasher
{
    private sealed class Job
    {
        public required (long Start, long End)[] Ranges;
        public required IncrementalHash Hash;
        public byte[]? Result;
    }

    private readonly List<Job> _jobs = new();
    private readonly Dictionary<string, Job> _byKey = new();

    /// <summary>Asks for the digest of <paramref name="ranges"/> (pairs offset,length) with <paramref name="alg"/>; returns a key for <see cref="Get"/>.</summary>
    public string Add(IReadOnlyList<(long Offset, long Length)> ranges, HashAlgorithmName alg)
    {
        var key = alg.Name + ":" + string.Join(",", ranges.Select(r => $"{r.Offset}+{r.Length}"));
        if (_byKey.ContainsKey(key)) return key;
        var job = new Job { Ranges = ranges.Select(r => (r.Offset, r.Offset + r.Length)).ToArray(), Hash = IncrementalHash.CreateHash(alg) };
        _jobs.Add(job);
        _byKey[key] = job;
        return key;
    }

    public byte[]? Get(string key) => _byKey.TryGetValue(key, out var j) ? j.Result : null;

    public void Run(Stream stream, long length, CancellationToken ct)
    {
        const int Chunk = 1 << 20;
        var buf = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            stream.Seek(0, SeekOrigin.Begin);
            long pos = 0;
            while (pos < length)
            {
                ct.ThrowIfCancellationRequested();
                int want = (int)Math.Min(Chunk, length - pos);
                int got = 0;
                while (got < want)
                {
                    int n = stream.Read(buf, got, want - got);
                    if (n <= 0) break;
                    got += n;
                }
                if (got == 0) break;
                long chunkEnd = pos + got;
                foreach (var job in _jobs)
                    foreach (var (s, e) in job.Ranges)
                    {
                        long from = Math.Max(s, pos), to = Math.Min(e, chunkEnd);
                        if (from < to) job.Hash.AppendData(buf, (int)(from - pos), (int)(to - from));
                    }
                pos = chunkEnd;
            }
            foreach (var job in _jobs) { job.Result = job.Hash.GetHashAndReset(); job.Hash.Dispose(); }
        }
        finally { ArrayPool<byte>.Shared.Return(buf); }
    }
}
