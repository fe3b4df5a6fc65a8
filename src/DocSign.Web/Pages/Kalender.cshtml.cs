using System.Globalization;
using DocSign.Core.Calendar;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// An office's working calendar for a year: zone, hours, Ramadan, the national days off with their decree (provisional
/// ones marked) and the office's regional days. The admin adds or removes regional days and sets zone and hours here
/// (the same use cases as <c>/api/offices/{office}/calendar</c>).
/// </summary>
public sealed class KalenderModel(GetOfficeCalendarHandler handler, AddRegionalDayHandler add, RemoveRegionalDayHandler remove,
    UpdateOfficeCalendarHandler update) : DocSignPageModel
{
    public OfficeCalendarView? View { get; private set; }
    public bool CanEdit { get; private set; }

    public Task<IActionResult> OnGetAsync(string office, int? tahun) => GuardAsync(async () =>
    {
        await LoadAsync(office, tahun);
        return Page();
    });

    public Task<IActionResult> OnPostTambahAsync(string office, string? tanggal, string? nama) => FormAsync(office, null, async actor =>
    {
        var day = await add.HandleAsync(actor, office, Api.CalendarEndpoints.Date(tanggal), nama, HttpContext.RequestAborted);
        Notice = $"Hari libur daerah {Tanggal(day.Date)} ({day.Name}) ditambahkan; batas waktu langkah yang berjalan dihitung ulang.";
        return day.Date.Year;
    });

    public Task<IActionResult> OnPostHapusAsync(string office, string? tanggal) => FormAsync(office, null, async actor =>
    {
        var date = Api.CalendarEndpoints.Date(tanggal);
        await remove.HandleAsync(actor, office, date, HttpContext.RequestAborted);
        Notice = $"Hari libur daerah {Tanggal(date)} dihapus; batas waktu langkah yang berjalan dihitung ulang.";
        return date.Year;
    });

    public Task<IActionResult> OnPostJamAsync(string office, string? zona, string? jam, string? jamRamadan) => FormAsync(office, null, async actor =>
    {
        await update.HandleAsync(actor, office, new UpdateOfficeCalendarRequest(zona, jam ?? "", jamRamadan ?? ""), HttpContext.RequestAborted);
        Notice = "Zona waktu dan jam kerja kantor tersimpan; batas waktu langkah yang berjalan dihitung ulang.";
        return null;
    });

    private Task<IActionResult> FormAsync(string office, int? year, Func<Core.Access.Actor, Task<int?>> change) => GuardAsync(async () =>
    {
        try
        {
            var shown = await change(await ActorAsync());
            return Redirect($"/kalender/{office.Trim().ToLowerInvariant()}" + (shown is { } y ? $"?tahun={y}" : ""));
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Forbidden or ProblemKind.Conflict or ProblemKind.NotFound)
        {
            Response.StatusCode = Api.ProblemExceptionHandler.StatusOf(problem.Kind);
            FormError = problem.UserMessage;
            await LoadAsync(office, year);
            return Page();
        }
    });

    /// <summary>"Jumat, 20 Maret 2026".</summary>
    public static string Tanggal(DateOnly date) => date.ToString("dddd, d MMMM yyyy", CultureInfo.GetCultureInfo("id-ID"));

    /// <summary>What kind of day off, in words.</summary>
    public static string Jenis(DayOffKind kind) => kind switch
    {
        DayOffKind.NationalHoliday => "Libur nasional",
        DayOffKind.CollectiveLeave => "Cuti bersama",
        _ => "Libur daerah",
    };

    private async Task LoadAsync(string office, int? year)
    {
        var actor = await ActorAsync();
        View = await handler.HandleAsync(actor, office, year, HttpContext.RequestAborted);
        CanEdit = actor.IsAdministrator;
    }
}
