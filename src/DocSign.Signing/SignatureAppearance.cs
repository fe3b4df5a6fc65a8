using System.Globalization;
using System.Text;
using DocSign.Core.Text;
using QRCoder;

namespace DocSign.Signing;

/// <summary>
/// Draws the visible signature block: "Ditandatangani secara elektronik oleh", name, NIP, jabatan,
/// office, date and time (WIB) and a QR code to the verification address. Produces the content
/// stream of a form XObject whose /BBox is [0 0 width height]; the fonts are the standard
/// Helvetica / Helvetica-Bold (WinAnsiEncoding) under the resource names /F1 and /F2.
/// The QR code is drawn as vector squares so it stays sharp at any zoom and needs no image.
/// </summary>
public static class SignatureAppearance
{
    /// <summary>The text lines shown, in order (the second line is drawn bold).</summary>
    public static IReadOnlyList<string> Lines(SignerIdentity who, DateTimeOffset signingTime)
    {
        var lines = new List<string> { "Ditandatangani secara elektronik oleh", who.Name };
        if (!string.IsNullOrWhiteSpace(who.Nip)) lines.Add("NIP. " + SignerIdentity.FormatNip(who.Nip));
        if (!string.IsNullOrWhiteSpace(who.Position)) lines.Add(who.Position);
        if (!string.IsNullOrWhiteSpace(who.Office)) lines.Add(who.Office);
        lines.Add(FormatWib(signingTime));
        return lines;
    }

    /// <summary>"21 November 2026 04:50 WIB": the time in Western Indonesian Time, month in Bahasa Indonesia.</summary>
    public static string FormatWib(DateTimeOffset t) => IndonesianText.DateTimeWib(t);

    /// <summary>The content stream for a box of <paramref name="width"/> × <paramref name="height"/> points (second line bold).</summary>
    public static byte[] BuildContent(double width, double height, IReadOnlyList<string> lines, Uri? verificationUrl) =>
        BuildContent(width, height, lines.Select((l, i) => new AppearanceLine(l, i == 1)).ToList(), verificationUrl, null);

    /// <summary>
    /// The content stream for a box of <paramref name="width"/> × <paramref name="height"/> points: the QR code on
    /// the left (when <paramref name="verificationUrl"/> is given), the <paramref name="lines"/> beside it, and
    /// the <paramref name="footer"/> (wrapped to at most three lines) in small type across the bottom.
    /// Everything is drawn inside the box; the form's /BBox clips anything that would not be.
    /// </summary>
    public static byte[] BuildContent(double width, double height, IReadOnlyList<AppearanceLine> lines, Uri? verificationUrl, string? footer)
    {
        var sb = new StringBuilder();
        double pad = Math.Max(2, Math.Min(width, height) * 0.05);
        // Light frame so the reader sees where the signature block starts and ends.
        sb.Append("q 0.6 G 0.75 w ").Append(N(0.375)).Append(' ').Append(N(0.375)).Append(' ')
          .Append(N(width - 0.75)).Append(' ').Append(N(height - 0.75)).Append(" re S Q\n");

        // Footer strip first: it takes the bottom of the box, the block above gets the rest.
        double bottom = pad;
        if (!string.IsNullOrWhiteSpace(footer))
        {
            double footerWidth = Math.Max(1, width - 2 * pad);
            double fsize = Math.Clamp(height * 0.06, 3, 7);
            var wrapped = Wrap(footer.Trim(), footerWidth, fsize);
            while (wrapped.Count > 3 && fsize > 3)
            {
                fsize = Math.Max(3, fsize - 0.5);
                wrapped = Wrap(footer.Trim(), footerWidth, fsize);
            }
            if (wrapped.Count > 3) wrapped = wrapped.Take(3).ToList();
            double fleading = fsize * 1.15;
            sb.Append("BT 0.25 g\n");
            for (int i = 0; i < wrapped.Count; i++)
            {
                double fy = pad + (wrapped.Count - 1 - i) * fleading + fsize * 0.2;
                sb.Append("/F1 ").Append(N(fsize)).Append(" Tf 1 0 0 1 ").Append(N(pad)).Append(' ').Append(N(fy)).Append(" Tm ")
                  .Append(PdfLiteral(wrapped[i])).Append(" Tj\n");
            }
            sb.Append("ET\n");
            bottom = pad + wrapped.Count * fleading + pad * 0.5;
            // A hairline between the block and the footer.
            sb.Append("q 0.7 G 0.4 w ").Append(N(pad)).Append(' ').Append(N(bottom - pad * 0.25)).Append(" m ")
              .Append(N(width - pad)).Append(' ').Append(N(bottom - pad * 0.25)).Append(" l S Q\n");
        }
        double areaHeight = Math.Max(1, height - bottom - pad);

        double textLeft = pad;
        if (verificationUrl is not null)
        {
            double side = Math.Min(areaHeight, width * 0.4);
            if (side > 8)
            {
                DrawQr(sb, verificationUrl.AbsoluteUri, pad, bottom + (areaHeight - side) / 2, side);
                textLeft = pad + side + pad;
            }
        }

        double textWidth = Math.Max(1, width - textLeft - pad);
        double textHeight = areaHeight;
        // Helvetica averages about 0.5 em per character (bold a little more); 0.55/0.6 keep long lines inside the box.
        double widest = Math.Max(1, lines.Max(l => l.Text.Length * (l.Bold ? 0.6 : 0.55)));
        double size = Math.Min(textHeight / (lines.Count * 1.2), textWidth / widest);
        size = Math.Clamp(size, 2, 12);
        double leading = size * 1.2;
        double blockHeight = leading * lines.Count;
        double y = bottom + (textHeight + blockHeight) / 2 - size;

        sb.Append("BT 0 g\n");
        for (int i = 0; i < lines.Count; i++)
        {
            sb.Append(lines[i].Bold ? "/F2 " : "/F1 ").Append(N(size)).Append(" Tf 1 0 0 1 ")
              .Append(N(textLeft)).Append(' ').Append(N(y - i * leading)).Append(" Tm ")
              .Append(PdfLiteral(lines[i].Text)).Append(" Tj\n");
        }
        sb.Append("ET\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>Greedy word wrap by the same width estimate as the block (0.55 em per character).</summary>
    private static List<string> Wrap(string text, double width, double size)
    {
        int perLine = Math.Max(8, (int)(width / (size * 0.55)));
        var result = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                result.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) result.Add(line.ToString());
        return result;
    }

    private static void DrawQr(StringBuilder sb, string text, double x, double y, double side)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var m = data.ModuleMatrix; // includes the quiet zone
        int n = m.Count;
        double cell = side / n;
        sb.Append("q 1 g ").Append(N(x)).Append(' ').Append(N(y)).Append(' ').Append(N(side)).Append(' ').Append(N(side)).Append(" re f 0 g\n");
        for (int row = 0; row < n; row++)
        {
            int col = 0;
            while (col < n)
            {
                if (!m[row][col]) { col++; continue; }
                int start = col;
                while (col < n && m[row][col]) col++;
                // Rows run top-down in the matrix, PDF y grows upward.
                sb.Append(N(x + start * cell)).Append(' ').Append(N(y + (n - 1 - row) * cell)).Append(' ')
                  .Append(N((col - start) * cell)).Append(' ').Append(N(cell)).Append(" re\n");
            }
        }
        sb.Append("f Q\n");
    }

    /// <summary>A PDF literal string in WinAnsi: characters outside Latin-1 become '?'.</summary>
    internal static string PdfLiteral(string s)
    {
        var sb = new StringBuilder("(");
        foreach (char c in s)
        {
            char ch = c <= '\u00ff' ? c : '?';
            switch (ch)
            {
                case '(' or ')' or '\\': sb.Append('\\').Append(ch); break;
                case < ' ': sb.Append(' '); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.Append(')').ToString();
    }

    private static string N(double v) => Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
