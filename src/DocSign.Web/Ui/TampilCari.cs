using DocSign.Core.Search;

namespace DocSign.Web.Ui;

/// <summary>How a search result is named and linked, the same for the Cari page and <c>GET /api/search</c>.</summary>
public static class TampilCari
{
    /// <summary>The page that shows the record: the document, the letter, or the copy's row on its office's archive page.</summary>
    public static string Alamat(SearchHit hit) => hit.Kind switch
    {
        SearchHitKind.Document => $"/dokumen/{hit.Id}",
        SearchHitKind.Letter => $"/surat/{hit.Id}",
        _ => $"/arsip/{hit.OfficeId}#salinan-{hit.Id:N}",
    };

    public static string Jenis(SearchHit hit) => hit.Kind switch
    {
        SearchHitKind.Document => "Dokumen",
        SearchHitKind.Letter => "Surat keluar",
        _ => hit.ArchiveRole == Core.Archive.ArchiveRoles.CoverLetter ? "Arsip surat pengantar" : "Arsip naskah",
    };
}
