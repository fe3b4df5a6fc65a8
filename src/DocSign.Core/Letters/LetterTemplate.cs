namespace DocSign.Core.Letters;

/// <summary>How a nomor sisipan is written after its base number.</summary>
public enum InsertStyle
{
    /// <summary>17.1, 17.2, ...</summary>
    Dot = 0,
    /// <summary>17a, 17b, ...</summary>
    Letter = 1,
}

/// <summary>
/// Who signs an office's surat pengantar (the office's rule). Only the office e-seal signs unattended; a person signs
/// with his own enrolled key and the passphrase he types, never with a key the server holds for him.
/// </summary>
public enum LetterSigner
{
    /// <summary>The office's electronic seal (segel elektronik), unattended; the letter names the office as sealer.</summary>
    Seal = 0,
    /// <summary>The Camat, in the same sitting as the document it covers (or later on the letter's own signing screen).</summary>
    Camat = 1,
    /// <summary>The Sekretaris Kecamatan, a.n. Camat, with his own enrolled key and passphrase.</summary>
    Sekcam = 2,
}

/// <summary>The paper a letter is printed on.</summary>
public enum PaperSize
{
    /// <summary>210 × 297 mm.</summary>
    A4 = 0,
    /// <summary>F4 / Folio, 215 × 330 mm, which many regions prescribe for naskah dinas.</summary>
    F4 = 1,
}

/// <summary>
/// An office's letter settings, kept as data: its number template, the surat pengantar's letterhead, addressee
/// and sender block, who signs it, the office's time zone (for the letter date and the year the number counts
/// in) and the archive retention (JRA) of what it sends.
/// </summary>
public sealed class LetterTemplate
{
    // Column sizes, also what the template API accepts.
    public const int MaxUnitCodeLength = 64, MaxTimeZoneLength = 64, MaxPlaceLength = 100, MaxLetterheadLength = 1000,
        MaxSenderTitleLength = 300, MaxSenderNameLength = 200, MaxRetentionClassLength = 200,
        MaxTelephoneLength = 100, MaxWebsiteLength = 200, MaxCarbonCopiesLength = 1000;

    private LetterTemplate() { }

    public LetterTemplate(string officeId) => OfficeId = officeId;

    public string OfficeId { get; private set; } = "";

    /// <summary>E.g. <c>{klasifikasi}/{urut}/{unit}/{tahun}</c>; see <see cref="NumberTemplate"/> for the fields.</summary>
    public string NumberPattern { get; set; } = "{klasifikasi}/{urut}/{unit}/{tahun}";
    /// <summary>The office's unit code in numbers, e.g. 427.83.</summary>
    public string UnitCode { get; set; } = "";
    /// <summary>Kode klasifikasi (Permendagri 83/2022) used for surat pengantar and when a request gives none.</summary>
    public string DefaultClassification { get; set; } = "000.8.6.3";
    public InsertStyle InsertStyle { get; set; }
    /// <summary>IANA time zone id (Asia/Jakarta for WIB).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
    /// <summary>Place on the date line, e.g. Probolinggo.</summary>
    public string Place { get; set; } = "";
    /// <summary>Kop surat lines, newline-separated, first line the government, then the office, then the address.</summary>
    public string Letterhead { get; set; } = "";
    /// <summary>"Kepada Yth." line(s), newline-separated.</summary>
    public string Addressee { get; set; } = "";
    /// <summary>Sifat of a surat pengantar.</summary>
    public string Sifat { get; set; } = "Biasa";
    /// <summary>Paper of the office's letters (A4 or F4/Folio).</summary>
    public PaperSize PaperSize { get; set; }
    /// <summary>Telephone line of the kop, e.g. "(0335) 421000" (empty: not printed).</summary>
    public string Telephone { get; set; } = "";
    /// <summary>Website (and/or e-mail) line of the kop, e.g. "kanigaran.probolinggokota.go.id" (empty: not printed).</summary>
    public string Website { get; set; } = "";
    /// <summary>Tembusan of the surat pengantar, one recipient a line (empty: no tembusan).</summary>
    public string CarbonCopies { get; set; } = "";
    /// <summary>The regional emblem (lambang daerah) of the kop in object storage; null until the office uploads one.</summary>
    public string? EmblemKey { get; set; }
    public string? EmblemSha256 { get; set; }
    /// <summary>image/png or image/jpeg.</summary>
    public string? EmblemContentType { get; set; }

    /// <summary>
    /// Kept for API compatibility only: the printed sender block comes from the signer's record
    /// (<see cref="LetterSender"/>), never from these fields.
    /// </summary>
    public string SenderAuthority { get; set; } = "";
    /// <summary>Jabatan line(s), newline-separated, e.g. "CAMAT KANIGARAN" or "a.n. CAMAT ...\nSEKRETARIS KECAMATAN".</summary>
    public string SenderTitle { get; set; } = "";
    public string SenderName { get; set; } = "";
    /// <summary>18 digits, stored without spaces.</summary>
    public string SenderNip { get; set; } = "";
    public LetterSigner Signer { get; set; }
    /// <summary>
    /// Whether a job numbers and seals the surat pengantar as "sistem" right after the Camat signs (the old behaviour);
    /// off by default: the letter is then made at the SOP step that names it, by that step's role.
    /// </summary>
    public bool AutoNumberOnSigning { get; set; }
    /// <summary>JRA retention class of what is archived, e.g. "000.8.6.3 Akuntabilitas Kinerja Instansi Pemerintah" (the LKjIP).</summary>
    public string RetentionClass { get; set; } = "";
    /// <summary>Years the archive copies must be kept (active + inactive).</summary>
    public int RetentionYears { get; set; } = 6;

    /// <summary>The office's time zone, falling back to WIB (UTC+7) when the id is unknown here.</summary>
    public TimeZoneInfo Zone() =>
        FindZone(TimeZone) ?? TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");

    /// <summary>The time zone with IANA id <paramref name="id"/>, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? FindZone(string id) => Calendar.OfficeZones.Find(id);

    /// <summary>The office's local date at <paramref name="utc"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, Zone()).DateTime);
}
