using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// A fictional regional emblem for the tests (a green shield with a gold band and the word-free mark of a sample),
/// written as a real PNG by hand: signature, IHDR, one zlib IDAT of unfiltered RGB rows, IEND, each with its CRC.
/// </summary>
public static class SampleEmblem
{
    public const int Width = 96, Height = 112;

    public static byte[] Png()
    {
        var raw = new MemoryStream();
        for (var y = 0; y < Height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = Pixel(x, y);
                raw.WriteByte(r); raw.WriteByte(g); raw.WriteByte(b);
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw.ToArray());

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), Height);
        ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>White outside a shield; inside, green with a gold horizontal band and a white diamond.</summary>
    private static (byte, byte, byte) Pixel(int x, int y)
    {
        double cx = Width / 2.0, dx = Math.Abs(x - cx);
        var halfWidth = y < 70 ? 44 : 44 * (1 - (y - 70) / 40.0);
        if (y < 4 || y > 108 || dx > halfWidth) return (255, 255, 255);
        if (dx + Math.Abs(y - 48) < 16) return (255, 255, 255);
        if (y is > 74 and < 86) return (212, 170, 40);
        return (20, 110, 60);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        s.Write(head);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. head.AsSpan(4).ToArray(), .. data]));
        s.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
    }
}
