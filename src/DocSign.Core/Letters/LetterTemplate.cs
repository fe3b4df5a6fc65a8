namespace DocSign.Core.Letters;

/// <summary>How a nomor sisipan is written after its base number.</summary>
public enum InsertStyle
{
    /// <summary>17.1, 17.2, ...</summary>
    Dot = 0,
    /// <summary>17a, 17b, ...</summary>
    Letter = 1,
}

/// <summary>Who signs an office's surat pengantar.</summary>
public enum LetterSigner
{
    /// <summary>The office's electronic seal (segel elektronik), unattended.</summary>
    Seal = 0,
    /// <summary>The Camat's own key, configured for unattended letters by the office.</summary>
    Camat = 1,
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
        MaxSenderTitleLength = 300, MaxSenderNameLength = 200, MaxRetentionClassLength = 200;

    private LetterTemplate() { }

    public LetterTemplate(string officeId) => OfficeId = officeId;

    public string OfficeId { get; private set; } = "";

    /// <summary>E.g. <c>{klasifikasi}/{urut}/{unit}/{tahun}</c>; see <see cref="NumberTemplate"/> for the fields.</summary>
    public string NumberPattern { get; set; } = "{klasifikasi}/{urut}/{unit}/{tahun}";
    /// <summary>The office's unit code in numbers, e.g. 427.83.</summary>
    public string UnitCode { get; set; } = "";
    /// <summary>Kode klasifikasi used for surat pengantar and when a request gives none.</summary>
    public string DefaultClassification { get; set; } = "065";
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
    /// <summary>Mandate word before the jabatan: empty, a.n., Plt. or Plh.</summary>
    public string SenderAuthority { get; set; } = "";
    /// <summary>Jabatan line(s), newline-separated, e.g. "CAMAT KANIGARAN" or "a.n. CAMAT ...\nSEKRETARIS KECAMATAN".</summary>
    public string SenderTitle { get; set; } = "";
    public string SenderName { get; set; } = "";
    /// <summary>18 digits, stored without spaces.</summary>
    public string SenderNip { get; set; } = "";
    public LetterSigner Signer { get; set; }
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
