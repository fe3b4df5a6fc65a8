using System.Text;
using System.Xml.Linq;
using PdfSharp.Pdf;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// Makes a PDF DocSign draws an archival one (PDF/A-2b): letters and registers are kept for years in the archive, and
/// an archive must be able to show them without today's fonts, colour settings or software. Fonts are embedded by the
/// drawing itself (<see cref="GeneratedPdfFonts"/>). PDFsharp's own PDF/A switch also tags the whole document for
/// PDF/UA, which our drawings are not built for, so the two missing parts are added here: the sRGB output intent
/// before saving, and afterwards the PDF/A identification in the XMP packet PDFsharp writes (whose other fields already
/// agree with the information dictionary). The packet is edited in place, inside its own length, as XMP's padding is
/// meant for, so no offset in the file moves.
/// </summary>
internal static class ArchivalPdf
{
    private const string SrgbResource = "PdfSharp.Resources.sRGB2014.icc";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace PdfAId = "http://www.aiim.org/pdfa/ns/id/";
    private static readonly byte[] PacketStart = "<?xpacket begin="u8.ToArray();
    private static readonly byte[] PacketEnd = "<?xpacket end=\"w\"?>"u8.ToArray();

    private static readonly Lazy<byte[]> Srgb = new(() =>
    {
        using var s = typeof(PdfDocument).Assembly.GetManifestResourceStream(SrgbResource)
            ?? throw new InvalidOperationException($"The sRGB profile {SrgbResource} is missing from PDFsharp.");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    });

    /// <summary>Before saving: the output intent every PDF/A file needs when it paints in device colours (ours: DeviceRGB).</summary>
    public static void Prepare(PdfDocument doc)
    {
        // Both dates in the information dictionary, so both XMP dates PDFsharp writes have their counterpart.
        doc.Info.ModificationDate = doc.Info.CreationDate;
        var profile = new PdfDictionary(doc);
        profile.Elements.SetInteger("/N", 3);
        profile.CreateStream(Srgb.Value);
        doc.Internals.AddObject(profile);
        var intent = new PdfDictionary(doc);
        intent.Elements.SetName("/Type", "/OutputIntent");
        intent.Elements.SetName("/S", "/GTS_PDFA1");
        intent.Elements.SetString("/OutputConditionIdentifier", "sRGB IEC61966-2.1");
        intent.Elements.SetString("/Info", "sRGB IEC61966-2.1");
        intent.Elements.SetReference("/DestOutputProfile", profile);
        var intents = new PdfArray(doc);
        intents.Elements.Add(intent);
        doc.Internals.Catalog.Elements["/OutputIntents"] = intents;
    }

    /// <summary>
    /// After saving (uncompressed): replaces the document's XMP packet, in place, with one that names PDF/A-2b and says
    /// what the information dictionary says. PDFsharp's own packet cannot be kept: it writes titles unescaped, so a
    /// perihal with "&amp;" in it made the packet unreadable XML.
    /// </summary>
    public static byte[] Finish(PdfDocument doc, byte[] pdf)
    {
        var start = pdf.AsSpan().IndexOf(PacketStart);
        if (start < 0 || pdf.AsSpan(start + 1).IndexOf(PacketStart) >= 0)
            throw new InvalidOperationException("A generated PDF must carry exactly one XMP packet (the document's), uncompressed.");
        var endAt = pdf.AsSpan(start).IndexOf(PacketEnd);
        if (endAt < 0) throw new InvalidOperationException("The XMP packet of a generated PDF has no writable end.");
        var length = endAt + PacketEnd.Length;
        var body = Encoding.UTF8.GetBytes(Xmp(doc.Info));
        var room = length - body.Length - PacketEnd.Length;
        if (room < 1)
            throw new InvalidOperationException("The PDF/A metadata does not fit into the generated PDF's XMP packet.");
        var result = (byte[])pdf.Clone();
        body.CopyTo(result, start);
        result.AsSpan(start + body.Length, room).Fill((byte)' ');
        result[start + body.Length + room - 1] = (byte)'\n';
        PacketEnd.CopyTo(result, start + body.Length + room);
        return result;
    }

    private static string Xmp(PdfDocumentInformation info)
    {
        XNamespace x = "adobe:ns:meta/", dc = "http://purl.org/dc/elements/1.1/", xmp = "http://ns.adobe.com/xap/1.0/",
            pdf = "http://ns.adobe.com/pdf/1.3/";
        XElement Alt(XName name, string text) =>
            new(name, new XElement(Rdf + "Alt", new XElement(Rdf + "li", new XAttribute(XNamespace.Xml + "lang", "x-default"), text)));
        var description = new XElement(Rdf + "Description",
            new XAttribute(Rdf + "about", ""),
            new XAttribute(XNamespace.Xmlns + "pdfaid", PdfAId.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dc", dc.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xmp", xmp.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "pdf", pdf.NamespaceName),
            new XElement(PdfAId + "part", "2"),
            new XElement(PdfAId + "conformance", "B"),
            new XElement(dc + "format", "application/pdf"));
        if (!string.IsNullOrEmpty(info.Title)) description.Add(Alt(dc + "title", info.Title));
        if (!string.IsNullOrEmpty(info.Subject)) description.Add(Alt(dc + "description", info.Subject));
        if (!string.IsNullOrEmpty(info.Author))
            description.Add(new XElement(dc + "creator", new XElement(Rdf + "Seq", new XElement(Rdf + "li", info.Author))));
        if (!string.IsNullOrEmpty(info.Keywords)) description.Add(new XElement(pdf + "Keywords", info.Keywords));
        if (!string.IsNullOrEmpty(info.Creator)) description.Add(new XElement(xmp + "CreatorTool", info.Creator));
        if (!string.IsNullOrEmpty(info.Producer)) description.Add(new XElement(pdf + "Producer", info.Producer));
        if (info.CreationDate != DateTime.MinValue) description.Add(new XElement(xmp + "CreateDate", XmpDate(info.CreationDate)));
        if (info.ModificationDate != DateTime.MinValue) description.Add(new XElement(xmp + "ModifyDate", XmpDate(info.ModificationDate)));
        var meta = new XElement(x + "xmpmeta", new XAttribute(XNamespace.Xmlns + "x", x.NamespaceName),
            new XElement(Rdf + "RDF", new XAttribute(XNamespace.Xmlns + "rdf", Rdf.NamespaceName), description));
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" + meta.ToString(SaveOptions.DisableFormatting);
    }

    // The same instant the information dictionary names: PDFsharp writes an unspecified or local time with the local offset.
    private static string XmpDate(DateTime value) =>
        new DateTimeOffset(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Local) : value)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
