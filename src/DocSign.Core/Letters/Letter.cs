namespace DocSign.Core.Letters;

/// <summary>Where a letter stands in the buku agenda surat keluar.</summary>
public enum LetterStatus
{
    /// <summary>A number is taken; the letter itself is not (yet) in DocSign.</summary>
    Reserved = 0,
    /// <summary>The letter exists as a signed PDF.</summary>
    Issued = 1,
    /// <summary>Sent to the recipient (channel recorded).</summary>
    Dispatched = 2,
    /// <summary>Cancelled; keeps its number for ever, with the reason.</summary>
    Void = 3,
}

/// <summary>How a letter went out.</summary>
public enum LetterChannel { Srikandi, Email, Tangan, Pos }

/// <summary>Wire and database spellings of the letter enums (stable, lower case for status).</summary>
public static class LetterWords
{
    /// <summary>Status as stored and as the API shows it.</summary>
    public static string ToWire(this LetterStatus s) => s switch
    {
        LetterStatus.Reserved => "reserved",
        LetterStatus.Issued => "issued",
        LetterStatus.Dispatched => "dispatched",
        LetterStatus.Void => "void",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    /// <summary>Parses a status word (case-insensitive).</summary>
    public static bool TryParseStatus(string? text, out LetterStatus status)
    {
        foreach (var s in Enum.GetValues<LetterStatus>())
        {
            if (string.Equals(text?.Trim(), s.ToWire(), StringComparison.OrdinalIgnoreCase)) { status = s; return true; }
        }
        status = default;
        return false;
    }

    /// <summary>The contract's spelling: SRIKANDI, email, tangan, pos.</summary>
    public static string ToWire(this LetterChannel c) => c switch
    {
        LetterChannel.Srikandi => "SRIKANDI",
        LetterChannel.Email => "email",
        LetterChannel.Tangan => "tangan",
        LetterChannel.Pos => "pos",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Parses a channel word (case-insensitive; "e-mail" is accepted for email).</summary>
    public static bool TryParseChannel(string? text, out LetterChannel channel)
    {
        var t = text?.Trim().ToLowerInvariant();
        if (t == "e-mail") t = "email";
        foreach (var c in Enum.GetValues<LetterChannel>())
        {
            if (string.Equals(t, c.ToWire(), StringComparison.OrdinalIgnoreCase)) { channel = c; return true; }
        }
        channel = default;
        return false;
    }

    /// <summary>Sisipan style as stored and as the API shows it: dot (17.1) or letter (17a).</summary>
    public static string ToWire(this InsertStyle s) => s == InsertStyle.Letter ? "letter" : "dot";

    public static bool TryParseInsertStyle(string? text, out InsertStyle style) => TryParseWord(text, out style, ToWire);

    /// <summary>Who signs a surat pengantar, as stored and as the API shows it: seal, camat or sekcam.</summary>
    public static string ToWire(this LetterSigner s) => s switch { LetterSigner.Camat => "camat", LetterSigner.Sekcam => "sekcam", _ => "seal" };

    public static bool TryParseSigner(string? text, out LetterSigner signer) => TryParseWord(text, out signer, ToWire);

    /// <summary>The security classes (sifat / klasifikasi keamanan) a letter may carry, lowest first.</summary>
    public static readonly IReadOnlyList<string> SifatValues = ["Biasa", "Terbatas", "Rahasia", "Sangat Rahasia"];

    /// <summary>The urgency (derajat kecepatan) a letter may carry, lowest first.</summary>
    public static readonly IReadOnlyList<string> UrgencyValues = ["Biasa", "Segera", "Sangat Segera"];

    /// <summary>What a request with any other sifat is told.</summary>
    public static string SifatRefusal => "Sifat surat (klasifikasi keamanan) harus salah satu dari: " + string.Join(", ", SifatValues)
        + ". Derajat kecepatan (Biasa, Segera, Sangat Segera) diisi pada isian urgency.";

    /// <summary>What a request with any other urgency is told.</summary>
    public static string UrgencyRefusal => "Derajat kecepatan surat (urgency) harus salah satu dari: " + string.Join(", ", UrgencyValues) + ".";

    /// <summary>The sifat as written in <see cref="SifatValues"/>, whatever the case it was typed in; null when it is none of them.</summary>
    public static string? CanonicalSifat(string? text) =>
        SifatValues.FirstOrDefault(s => string.Equals(s, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The urgency as written in <see cref="UrgencyValues"/>; null when it is none of them.</summary>
    public static string? CanonicalUrgency(string? text) =>
        UrgencyValues.FirstOrDefault(s => string.Equals(s, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Sifat and urgency from a request, keeping the old single <c>sifat</c> field working: before, one list mixed
    /// security with urgency, so an old <c>sifat</c> of "Segera" or "Sangat Segera" now means that urgency with sifat
    /// Biasa, and the retired "Penting" means urgency Segera. Empty fields default to Biasa. Throws
    /// <see cref="Problems.DocSignProblem"/> (nothing changed) for any other word, or when an old urgency word in
    /// <c>sifat</c> contradicts an explicit <c>urgency</c>.
    /// </summary>
    public static (string Sifat, string Urgency) SifatAndUrgency(string? sifat, string? urgency)
    {
        sifat = string.IsNullOrWhiteSpace(sifat) ? null : sifat.Trim();
        urgency = string.IsNullOrWhiteSpace(urgency) ? null : urgency.Trim();
        var explicitUrgency = urgency is null ? null : CanonicalUrgency(urgency) ?? throw Problems.DocSignProblem.Invalid(UrgencyRefusal);
        if (sifat is null) return ("Biasa", explicitUrgency ?? "Biasa");
        if (CanonicalSifat(sifat) is { } s) return (s, explicitUrgency ?? "Biasa");
        var legacy = string.Equals(sifat, "Penting", StringComparison.OrdinalIgnoreCase) ? "Segera"
            : CanonicalUrgency(sifat) is { } u && u != "Biasa" ? u : null;
        if (legacy is null) throw Problems.DocSignProblem.Invalid(SifatRefusal);
        if (explicitUrgency is not null && explicitUrgency != legacy)
            throw Problems.DocSignProblem.Invalid($"Sifat \"{sifat}\" adalah derajat kecepatan dan bertentangan dengan urgency \"{explicitUrgency}\". Isi sifat dengan klasifikasi keamanan ({string.Join(", ", SifatValues)}).");
        return ("Biasa", legacy);
    }

    /// <summary>Paper size as stored and as the API shows it: A4 or F4.</summary>
    public static string ToWire(this PaperSize p) => p == PaperSize.F4 ? "F4" : "A4";

    /// <summary>Parses A4, F4 (also "Folio").</summary>
    public static bool TryParsePaper(string? text, out PaperSize paper)
    {
        if (string.Equals(text?.Trim(), "folio", StringComparison.OrdinalIgnoreCase)) { paper = PaperSize.F4; return true; }
        return TryParseWord(text, out paper, ToWire);
    }

    private static bool TryParseWord<T>(string? text, out T value, Func<T, string> wire) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(text?.Trim(), wire(v), StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        }
        value = default;
        return false;
    }

    /// <summary>Indonesian label for screens and exports.</summary>
    public static string Label(this LetterStatus s) => s switch
    {
        LetterStatus.Reserved => "Dipesan",
        LetterStatus.Issued => "Terbit",
        LetterStatus.Dispatched => "Terkirim",
        LetterStatus.Void => "Batal",
        _ => s.ToString(),
    };

    /// <summary>Indonesian label of a channel.</summary>
    public static string Label(this LetterChannel c) => c switch
    {
        LetterChannel.Srikandi => "SRIKANDI",
        LetterChannel.Email => "E-mail",
        LetterChannel.Tangan => "Diantar langsung",
        LetterChannel.Pos => "Pos",
        _ => c.ToString(),
    };
}

/// <summary>Kinds of letters in the register.</summary>
public static class LetterKinds
{
    /// <summary>A surat pengantar DocSign made for a signed document.</summary>
    public const string CoverLetter = "surat-pengantar";
    /// <summary>A number taken for a letter written outside DocSign.</summary>
    public const string External = "luar";
}

/// <summary>
/// One line of the office's buku agenda surat keluar. The running number (<see cref="Sequence"/>, with
/// <see cref="Insert"/> for a nomor sisipan) is given once, under the office-year counter's lock, and never
/// changes; a cancelled letter keeps it (<see cref="LetterStatus.Void"/>). Everything else about the letter
/// changes only forward: reserved → issued → dispatched, or void.
/// </summary>
public sealed class Letter
{
    public const int MaxSubjectLength = 500;
    public const int MaxAddresseeLength = 300;
    public const int MaxReasonLength = 500;
    public const int MaxClassificationLength = 32;

    /// <summary>A kode klasifikasi arsip: digits and dots (065, 000.8.3.3), not longer than <see cref="MaxClassificationLength"/>.</summary>
    public static bool IsClassification(string code) =>
        code.Length is > 0 and <= MaxClassificationLength && code.All(c => char.IsAsciiDigit(c) || c == '.');
    public const int MaxIdempotencyKeyLength = 128;

    private Letter() { }

    /// <summary>A new register line; only the register's allocation creates one, inside its locked transaction.</summary>
    public Letter(Guid id, string officeId, int year, int sequence, int insert, string number, DateOnly letterDate,
        string classification, string subject, string sifat, string addressee, string kind, Guid? documentId,
        string? idempotencyKey, string? insertReason, string reservedBy, DateTimeOffset reservedAt, string urgency = "Biasa")
    {
        Urgency = urgency;
        Id = id;
        OfficeId = officeId;
        Year = year;
        Sequence = sequence;
        Insert = insert;
        Number = number;
        LetterDate = letterDate;
        Classification = classification;
        Subject = subject;
        Sifat = sifat;
        Addressee = addressee;
        Kind = kind;
        DocumentId = documentId;
        IdempotencyKey = idempotencyKey;
        InsertReason = insertReason;
        ReservedBy = reservedBy;
        ReservedAt = reservedAt;
        Status = LetterStatus.Reserved;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    /// <summary>Calendar year (office time zone) the running number counts in.</summary>
    public int Year { get; private set; }
    /// <summary>The nomor urut, 1.. per office and year, without gaps.</summary>
    public int Sequence { get; private set; }
    /// <summary>0 for a regular number; n for the n-th nomor sisipan after <see cref="Sequence"/>.</summary>
    public int Insert { get; private set; }
    /// <summary>The full letter number as written on the letter.</summary>
    public string Number { get; private set; } = "";
    public DateOnly LetterDate { get; private set; }
    /// <summary>Kode klasifikasi arsip, e.g. 065 or 000.8.3.3.</summary>
    public string Classification { get; private set; } = "";
    /// <summary>Perihal.</summary>
    public string Subject { get; private set; } = "";
    /// <summary>Security class: Biasa, Terbatas, Rahasia or Sangat Rahasia (<see cref="LetterWords.SifatValues"/>).</summary>
    public string Sifat { get; private set; } = "";
    /// <summary>Urgency (derajat kecepatan): Biasa, Segera or Sangat Segera (<see cref="LetterWords.UrgencyValues"/>).</summary>
    public string Urgency { get; private set; } = "Biasa";
    public string Addressee { get; private set; } = "";
    /// <summary>One of <see cref="LetterKinds"/>.</summary>
    public string Kind { get; private set; } = "";
    /// <summary>The document this letter covers (surat pengantar), if any.</summary>
    public Guid? DocumentId { get; private set; }
    /// <summary>The caller's retry key: a second request with the same key gets this letter, not a second number.</summary>
    public string? IdempotencyKey { get; private set; }
    /// <summary>Why a nomor sisipan was given (only for <see cref="Insert"/> &gt; 0).</summary>
    public string? InsertReason { get; private set; }
    public LetterStatus Status { get; private set; }

    public string ReservedBy { get; private set; } = "";
    public DateTimeOffset ReservedAt { get; private set; }

    public string? IssuedBy { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    /// <summary>The signed letter PDF in object storage.</summary>
    public string? ObjectKey { get; private set; }
    public string? Sha256 { get; private set; }
    public long? Size { get; private set; }

    public string? Recipient { get; private set; }
    public LetterChannel? Channel { get; private set; }
    public string? DispatchedBy { get; private set; }
    public DateTimeOffset? DispatchedAt { get; private set; }

    /// <summary>The tanda terima (receipt) kept with the letter.</summary>
    public string? ReceiptKey { get; private set; }
    public string? ReceiptSha256 { get; private set; }
    public string? ReceiptContentType { get; private set; }
    public string? ReceiptBy { get; private set; }
    public DateTimeOffset? ReceiptAt { get; private set; }

    public string? VoidReason { get; private set; }
    public string? VoidedBy { get; private set; }
    public DateTimeOffset? VoidedAt { get; private set; }

    /// <summary>"17", "17.1" or "17a": the running number as the agenda writes it.</summary>
    public string SequenceText(InsertStyle style) => NumberTemplate.SequenceText(Sequence, Insert, style, 0);

    /// <summary>Marks the letter as existing: its signed PDF is stored under <paramref name="objectKey"/>.</summary>
    public void Issue(string objectKey, string sha256, long size, string by, DateTimeOffset at)
    {
        if (Status != LetterStatus.Reserved) throw new InvalidOperationException($"Letter {Id} is {Status}, not reserved.");
        ObjectKey = objectKey;
        Sha256 = sha256;
        Size = size;
        IssuedBy = by;
        IssuedAt = at;
        Status = LetterStatus.Issued;
    }

    /// <summary>Records the dispatch; only an issued letter goes out (a reserved number for an outside letter also may).</summary>
    public void Dispatch(string recipient, LetterChannel channel, string by, DateTimeOffset at)
    {
        if (Status is not (LetterStatus.Issued or LetterStatus.Reserved)) throw new InvalidOperationException($"Letter {Id} is {Status}.");
        Recipient = recipient;
        Channel = channel;
        DispatchedBy = by;
        DispatchedAt = at;
        Status = LetterStatus.Dispatched;
    }

    /// <summary>Keeps the tanda terima with a dispatched letter (a later upload replaces the reference, never the bytes).</summary>
    public void AttachReceipt(string key, string sha256, string contentType, string by, DateTimeOffset at)
    {
        if (Status != LetterStatus.Dispatched) throw new InvalidOperationException($"Letter {Id} is {Status}, not dispatched.");
        ReceiptKey = key;
        ReceiptSha256 = sha256;
        ReceiptContentType = contentType;
        ReceiptBy = by;
        ReceiptAt = at;
    }

    /// <summary>Cancels the letter; the number stays taken.</summary>
    public void MarkVoid(string reason, string by, DateTimeOffset at)
    {
        if (Status == LetterStatus.Void) throw new InvalidOperationException($"Letter {Id} is already void.");
        VoidReason = reason;
        VoidedBy = by;
        VoidedAt = at;
        Status = LetterStatus.Void;
    }
}
