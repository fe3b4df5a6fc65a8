using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>What a signature field or widget added or filled after signing shows, and whether a new signature vouches for it: shared by the form and page rules.</summary>
internal static class SignatureWidgets
{
    /// <summary>
    /// A signature field or document-timestamp widget added after signing is judged by what it shows, whatever its
    /// field type claims: one that can paint on the page (an area, as the most lenient viewer reads /Rect; its
    /// Hidden, NoView and Print flags do not count, since printing or a script shows it anyway) is allowed only for
    /// a new signature that this file really carries. One whose /V is missing, dangling, empty or not a signature
    /// dictionary, and a document timestamp (which has no signer to vouch for a drawing), paints unvouched content.
    /// </summary>
    internal static void JudgeNewSignatureWidget(ModificationAnalyzer ma, PdfDictionary field, PdfDictionary widget, string where, ModificationResult result)
    {
        if (field["V"] is not null and not PdfNull && ReusesSignedValue(ma, field))
        {
            result.Note(ModificationLevel.Annotations, $"{where}: kolom/widget tanda tangan baru memakai kembali nilai tanda tangan yang sudah ada (tanpa tanda tangan baru)");
            return;
        }
        var (shows, why) = Paints(ma, widget);
        bool realValue = HasSignatureValue(ma, field);
        bool dts = realValue && IsDts(ma, field);
        if (!realValue)
        {
            if (shows) result.Note(ModificationLevel.Annotations, $"{where}: widget tanda tangan tanpa tanda tangan yang sah (/V kosong, hilang atau bukan kamus tanda tangan) dapat menggambar di atas halaman{why}");
            else result.Note(ModificationLevel.FormFilling, "kolom tanda tangan kosong tak terlihat");
            return;
        }
        if (dts)
        {
            if (shows) result.Note(ModificationLevel.Annotations, $"{where}: widget stempel waktu dokumen dapat menggambar di atas halaman{why}");
            else result.Note(ModificationLevel.LtaUpdates, "stempel waktu dokumen baru");
            return;
        }
        // A later signer vouches for its own appearance, beside the signed content, never over it.
        if (shows && ma.CoversSignedContent(widget, null))
        {
            result.Note(ModificationLevel.Annotations, $"{where}: tampilan tanda tangan berikutnya menggambar di atas isi yang sudah ditandatangani");
            return;
        }
        result.Note(ModificationLevel.FormFilling, "kolom tanda tangan baru");
    }

    /// <summary>
    /// Whether a widget draws nothing wherever it stands: no border or background in /MK, and every appearance it
    /// has (normal, rollover, down; each state) is a stream whose content is empty or only white space. A stream
    /// that cannot be read counts as drawing.
    /// </summary>
    internal static bool DrawsNothing(PdfRevisionView v, PdfDictionary widget)
    {
        if (v.Resolve(widget["MK"]) is PdfDictionary mk
            && (v.Resolve(mk["BG"]) is PdfArray { Count: > 0 } || v.Resolve(mk["BC"]) is PdfArray { Count: > 0 }))
            return false;
        if (v.Resolve(widget["AP"]) is not PdfDictionary ap) return widget["AP"] is null or PdfNull;
        foreach (var kv in ap)
        {
            var entry = v.Resolve(kv.Value);
            var streams = entry is PdfStream one ? [one]
                : entry is PdfDictionary states && entry is not PdfStream ? states.Select(s => v.Resolve(s.Value)).ToList()
                : [entry];
            foreach (var s in streams)
            {
                if (s is PdfNull) continue;
                if (s is not PdfStream st) return false;
                try
                {
                    var data = v.File.ReadDecodedStreamData(st, strict: true);
                    if (data.AsSpan().IndexOfAnyExcept(" \t\r\n\f\0"u8) >= 0) return false;
                }
                catch (PdfException) { return false; }
            }
        }
        return true;
    }

    /// <summary>
    /// Why an existing signature field's new appearance, drawn when it was filled, is not allowed, or null: a document
    /// timestamp has no signer to vouch for any drawing; a signature's drawing must not lie over signed content.
    /// </summary>
    internal static string? PaintsOverSigned(ModificationAnalyzer ma, PdfDictionary widget, PdfReference self)
    {
        var (shows, why) = Paints(ma, widget);
        if (!shows) return null;
        if (IsDts(ma, widget) || (FieldWithValue(ma, widget) is { } f && IsDts(ma, f)))
            return "stempel waktu dokumen mengisi kolom dengan tampilan yang dapat menggambar di atas halaman" + why;
        return ma.CoversSignedContent(widget, self) ? "tampilan tanda tangan menggambar di atas isi yang sudah ditandatangani" + why : null;
    }

    /// <summary>The field's /V resolves to a signature dictionary with a /ByteRange array and a non-empty /Contents string.</summary>
    internal static bool HasSignatureValue(ModificationAnalyzer ma, PdfDictionary field)
    {
        var holder = FieldWithValue(ma, field);
        if (holder is null || ma.Final.Resolve(holder["V"]) is not PdfDictionary v) return false;
        return ma.Final.Resolve(v["ByteRange"]) is PdfArray { Count: 4 }
            && ma.Final.Resolve(v["Contents"]) is PdfString c && c.Value.Length > 0 && c.Value.IndexOfAnyExcept((byte)0) >= 0;
    }

    /// <summary>
    /// Whether a widget can put anything on the page when viewed or printed: it has an area as lenient viewers read
    /// /Rect. A number some viewers read otherwise (several signs) or a /Rect that is not four plain numbers is
    /// ambiguous and counts as an area. The text says what made it so, for the report.
    /// </summary>
    internal static (bool Shows, string Why) Paints(ModificationAnalyzer ma, PdfDictionary widget)
    {
        if (ma.Final.Resolve(widget["Rect"]) is not PdfArray rect) return (false, "");
        if (rect.Count != 4) return (true, " (/Rect tidak berisi empat angka)");
        var n = new double[4];
        for (int i = 0; i < 4; i++)
        {
            switch (ma.Final.Resolve(rect[i]))
            {
                case PdfInteger pi: n[i] = pi.Value; break;
                case PdfReal { IsAmbiguous: true }: return (true, " (/Rect memuat angka yang dibaca berbeda oleh penampil PDF)");
                case PdfReal pr when double.IsFinite(pr.Value): n[i] = pr.Value; break;
                default: return (true, " (/Rect memuat nilai yang bukan angka)");
            }
        }
        bool area = Math.Abs(n[2] - n[0]) > 0.01 && Math.Abs(n[3] - n[1]) > 0.01;
        if (!area || DrawsNothing(ma.Final, widget)) return (false, "");
        string flags = ma.Final.Resolve(widget["F"]) switch
        {
            PdfInteger f when f.Value < 0 || f.Value > uint.MaxValue => " (/F di luar 32 bit: penampil membacanya berbeda)",
            PdfInteger f when (f.Value & (2 | 32)) != 0 => " (tersembunyi di layar tetapi dapat tampil saat dicetak atau lewat skrip)",
            _ => "",
        };
        return (true, flags);
    }

    /// <summary>The field (this widget itself or one of its /Parent fields) that holds a /V in the final document.</summary>
    internal static PdfDictionary? FieldWithValue(ModificationAnalyzer ma, PdfDictionary? node)
    {
        for (int i = 0; i < 16 && node is not null; i++)
        {
            if (node["V"] is not null and not PdfNull) return node;
            node = ma.Final.Resolve(node["Parent"]) as PdfDictionary;
        }
        return null;
    }

    /// <summary>
    /// A signature field added later must carry a signature made later: its /V naming a dictionary that already
    /// existed when the earlier signature was made gives it a widget (possibly visible) without any new signature.
    /// </summary>
    internal static bool ReusesSignedValue(ModificationAnalyzer ma, PdfDictionary field) =>
        field["V"] is PdfReference vr && ma.Old.GetEntry(vr.ObjectNumber) is { Type: not PdfXrefEntryType.Free };

    internal static bool IsDts(ModificationAnalyzer ma, PdfDictionary sigField)
    {
        if (ma.Final.Resolve(sigField["V"]) is not PdfDictionary v) return false;
        return v.GetName("Type") == "DocTimeStamp" || v.GetName("SubFilter") == "ETSI.RFC3161";
    }

    internal static ModificationLevel SigValueLevel(ModificationAnalyzer ma, PdfDictionary sigField) =>
        IsDts(ma, sigField) ? ModificationLevel.LtaUpdates : ModificationLevel.FormFilling;
}
