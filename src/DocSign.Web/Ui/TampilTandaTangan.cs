using System.Globalization;
using System.Text.Json;
using DocSign.Core.Signing;

namespace DocSign.Web.Ui;

/// <summary>What the signing page says in plain words: the level as a sentence, and the stamp the preview draws.</summary>
public static class TampilTandaTangan
{
    /// <summary>What a signature of this level means for the person who relies on it (no "B-LTA" on screen).</summary>
    public static string Kekuatan(SignatureLevel level) => level switch
    {
        SignatureLevel.BLTA => "Berlaku jangka panjang: dapat diperiksa walau sertifikat kedaluwarsa, karena membawa stempel waktu dan data pemeriksaan sertifikat.",
        SignatureLevel.BLT => "Membawa stempel waktu dan data pemeriksaan sertifikat, tetapi belum diberi stempel waktu arsip untuk jangka panjang.",
        SignatureLevel.BT => "Membawa stempel waktu: waktu penandatanganan terbukti, tetapi pemeriksaan sesudah sertifikat kedaluwarsa tidak dijamin.",
        _ => "Tanpa stempel waktu: hanya dapat diperiksa selama sertifikat penanda tangan masih berlaku.",
    };

    /// <summary>
    /// The preview's data, as JSON for a data- attribute: the stamp's lines and footer, each page's size and the stamps already
    /// on the pages (boxes as [page, x, y, width, height] in points from the page's bottom-left corner).
    /// </summary>
    public static string StempelJson(SigningContext context)
    {
        var layout = context.Layout;
        return JsonSerializer.Serialize(new
        {
            baris = context.StampLines.Select(l => new { teks = l.Text, tebal = l.Bold }),
            kaki = context.StampFooter,
            halaman = layout?.Pages.Select(p => new[] { p.Width, p.Height }) ?? [],
            stempel = layout?.Stamps.Select(s => new[] { s.Page, s.X, s.Y, s.Width, s.Height }) ?? [],
        });
    }

    /// <summary>
    /// A visitor's comparison in one sentence and its colour class (sah / ragu / tidak-sah): the first thing the public
    /// page shows after an upload. It never sends the visitor to a check that needs an account.
    /// </summary>
    public static (string Sentence, string Class) HasilSalinan(CopyComparison c) => c.Relation switch
    {
        CopyRelation.Identical => ("Salinan Anda SAMA persis dengan dokumen yang ditandatangani.", "sah"),
        CopyRelation.LaterRevision when c.Verdict == "VALID" =>
            ("Salinan Anda memuat dokumen yang ditandatangani tanpa perubahan, ditambah tanda tangan atau stempel waktu sesudahnya yang tidak mengubah isinya.", "sah"),
        CopyRelation.LaterRevision =>
            ("Salinan Anda memuat dokumen yang ditandatangani, ditambah perubahan sesudahnya yang tidak dapat dipastikan: jangan menganggapnya sama dengan dokumen yang ditandatangani.", "ragu"),
        CopyRelation.EarlierRevision => ("Salinan Anda adalah dokumen sebelum ditandatangani: belum memuat tanda tangan ini.", "ragu"),
        _ => ("Salinan Anda BERBEDA dari dokumen yang ditandatangani: jangan menganggapnya sebagai dokumen yang sah.", "tidak-sah"),
    };

    /// <summary>The seconds left of the passphrase wait, rounded up, for the countdown.</summary>
    public static string Detik(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
