using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.StandIns;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// Plh./Plt. for an office's Camat: who holds the Camat's authority today, the assignments recorded (with decree and
/// period), and for the admin a form to record one and a button to end one early. The same use cases as the API.
/// </summary>
public sealed class PelaksanaModel(ListActingAssignmentsHandler list, RecordActingAssignmentHandler record, EndActingAssignmentHandler end,
    HeadOfOffice head, TimeProvider clock) : DocSignPageModel
{
    [BindProperty(SupportsGet = true, Name = "kantor")] public string? Kantor { get; set; }

    public IReadOnlyList<string> Kantor2 { get; private set; } = [];
    public IReadOnlyList<ActingAssignment> Daftar { get; private set; } = [];
    public IReadOnlyList<OfficeMember> Calon { get; private set; } = [];
    public HeadAuthority? Pemegang { get; private set; }
    public bool Admin { get; private set; }
    public DateTimeOffset Sekarang => clock.GetUtcNow();

    /// <summary>The form, kept as typed when refused.</summary>
    [BindProperty] public Isian Form { get; set; } = new();

    public sealed class Isian
    {
        public string? UserName { get; set; }
        public string? Kind { get; set; } = "plh";
        public string? DecreeNumber { get; set; }
        public string? DecreeDate { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostCatatAsync() => GuardAsync(async () =>
    {
        try
        {
            var a = await record.HandleAsync(await ActorAsync(), new RecordActingAssignmentRequest(Kantor, Form.UserName, Form.Kind, Form.DecreeNumber,
                Form.DecreeDate, Form.From, Form.To), HttpContext.RequestAborted);
            Notice = $"{a.Prefix} Camat dicatat: {a.PersonName}, {TampilTahunan.Tanggal(a.From)} sampai {TampilTahunan.Tanggal(a.To)}.";
            return RedirectToPage(new { kantor = a.OfficeId });
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync();
            return Page();
        }
    });

    public Task<IActionResult> OnPostAkhiriAsync(Guid id) => GuardAsync(async () =>
    {
        var a = await end.HandleAsync(await ActorAsync(), Kantor, id, HttpContext.RequestAborted);
        Notice = $"{a.Prefix} Camat {a.PersonName} diakhiri; tugas Camat kembali kepada Camat.";
        return RedirectToPage(new { kantor = a.OfficeId });
    });

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        Admin = actor.IsAdministrator;
        Kantor2 = await list.OfficesAsync(actor, HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(Kantor)) Kantor = Kantor2.FirstOrDefault();
        if (Kantor is null) return;
        Daftar = await list.HandleAsync(actor, Kantor, HttpContext.RequestAborted);
        Calon = await list.CandidatesAsync(actor, Kantor, HttpContext.RequestAborted);
        Pemegang = await head.AtAsync(Kantor, clock.GetUtcNow(), HttpContext.RequestAborted);
    }

    public string Keadaan(ActingAssignment a) =>
        a.EndedAt is not null && a.EndedAt < a.EndsAt ? $"diakhiri {Tampil.Waktu(a.EndedAt)} oleh {a.EndedBy}"
        : a.InForceAt(Sekarang) ? "berlaku"
        : a.NotOverAt(Sekarang) ? "akan berlaku"
        : "selesai";
}
