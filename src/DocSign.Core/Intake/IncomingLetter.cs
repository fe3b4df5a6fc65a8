namespace DocSign.Core.Intake;

/// <summary>
/// A letter received by an office (surat masuk): one line of its incoming register, with the scan of the letter
/// (optional, a checked PDF in the object store), the disposisi written on it, and the document whose SOP it started.
/// </summary>
public sealed class IncomingLetter
{
    public const int MaxNumberLength = 100;
    public const int MaxSenderLength = 200;
    public const int MaxSubjectLength = 500;

    private readonly List<Disposisi> _dispositions = new();

    private IncomingLetter() { }

    public IncomingLetter(Guid id, string officeId, string number, DateOnly letterDate, string sender, string subject, DateOnly receivedOn,
        string sifat, string urgency, string registeredById, string registeredBy, DateTimeOffset registeredAt)
    {
        Id = id;
        OfficeId = officeId;
        Number = number;
        LetterDate = letterDate;
        Sender = sender;
        Subject = subject;
        ReceivedOn = receivedOn;
        Sifat = sifat;
        Urgency = urgency;
        RegisteredById = registeredById;
        RegisteredBy = registeredBy;
        RegisteredAt = registeredAt;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    /// <summary>The sender's number of the letter (nomor surat), as printed.</summary>
    public string Number { get; private set; } = "";
    public DateOnly LetterDate { get; private set; }
    /// <summary>Asal / pengirim, e.g. "Bappeda Kabupaten Lumajang".</summary>
    public string Sender { get; private set; } = "";
    /// <summary>Perihal.</summary>
    public string Subject { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    /// <summary>Security class (<see cref="IncomingSifat"/>): biasa, terbatas, rahasia, sangat-rahasia.</summary>
    public string Sifat { get; private set; } = IncomingSifat.Biasa;
    /// <summary>Urgency (<see cref="IncomingSifat"/>): biasa, segera, sangat-segera.</summary>
    public string Urgency { get; private set; } = IncomingSifat.Biasa;
    public string RegisteredById { get; private set; } = "";
    public string RegisteredBy { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }
    public string? ScanName { get; private set; }
    public string? ScanKey { get; private set; }
    public string? ScanSha256 { get; private set; }
    public long? ScanSize { get; private set; }
    /// <summary>The document whose SOP this letter started (null until started); the document links back through this.</summary>
    public Guid? DocumentId { get; private set; }
    public string? StartedBy { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }

    public IReadOnlyList<Disposisi> Dispositions => _dispositions;

    public void AttachScan(string name, string key, string sha256, long size) => (ScanName, ScanKey, ScanSha256, ScanSize) = (name, key, sha256, size);

    public Disposisi AddDisposisi(Guid id, string? toUser, string? toRole, string instruction, DateOnly? deadline, string by, DateTimeOffset at)
    {
        var disposisi = new Disposisi(id, Id, _dispositions.Count + 1, toUser, toRole, instruction, deadline, by, at);
        _dispositions.Add(disposisi);
        return disposisi;
    }

    public void LinkDocument(Guid documentId, string by, DateTimeOffset at) => (DocumentId, StartedBy, StartedAt) = (documentId, by, at);
}

/// <summary>One disposisi on an incoming letter: to whom (a user or a role of the office), the instruction, the deadline.</summary>
public sealed class Disposisi
{
    public const int MaxInstructionLength = 1000;

    private Disposisi() { }

    public Disposisi(Guid id, Guid letterId, int number, string? toUser, string? toRole, string instruction, DateOnly? deadline, string by, DateTimeOffset at)
    {
        Id = id;
        LetterId = letterId;
        Number = number;
        ToUser = toUser;
        ToRole = toRole;
        Instruction = instruction;
        Deadline = deadline;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid LetterId { get; private set; }
    public int Number { get; private set; }
    /// <summary>The user name it is addressed to, or null when addressed to a role.</summary>
    public string? ToUser { get; private set; }
    /// <summary>The office role it is addressed to, or null when addressed to a user.</summary>
    public string? ToRole { get; private set; }
    public string Instruction { get; private set; } = "";
    public DateOnly? Deadline { get; private set; }
    public string By { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}

/// <summary>Sifat (security class) and urgency of an incoming letter: separate fields, each with its official values.</summary>
public static class IncomingSifat
{
    public const string Biasa = "biasa";
    public static readonly IReadOnlyDictionary<string, string> Security = new Dictionary<string, string>
    {
        [Biasa] = "Biasa", ["terbatas"] = "Terbatas", ["rahasia"] = "Rahasia", ["sangat-rahasia"] = "Sangat Rahasia",
    };
    public static readonly IReadOnlyDictionary<string, string> Urgencies = new Dictionary<string, string>
    {
        [Biasa] = "Biasa", ["segera"] = "Segera", ["sangat-segera"] = "Sangat Segera",
    };
}
