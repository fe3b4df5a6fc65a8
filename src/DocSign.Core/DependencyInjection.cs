using DocSign.Core.Archive;
using DocSign.Core.Calendar;
using DocSign.Core.Demo;
using DocSign.Core.Letters;
using DocSign.Core.Documents;
using DocSign.Core.Intake;
using DocSign.Core.Search;
using DocSign.Core.Signing;
using DocSign.Core.Storage;
using DocSign.Core.Verification;
using DocSign.Core.Workflow;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocSign.Core;

public static class DependencyInjection
{
    /// <summary>Use cases and the clock. Ports (storage, database, PDF inspection) come from infrastructure.</summary>
    public static IServiceCollection AddDocSignCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<VersionUploader>();
        services.AddScoped<CreateDocumentHandler>();
        services.AddScoped<AddVersionHandler>();
        services.AddScoped<GetDocumentHandler>();
        services.AddScoped<ListDocumentsHandler>();
        services.AddScoped<ReadVersionContentHandler>();
        services.AddScoped<SweepOrphanObjectsHandler>();
        services.AddScoped<VerifyUploadHandler>();
        services.AddScoped<VerifyStoredVersionHandler>();
        services.AddScoped<DocSign.Core.Access.PeopleNamesHandler>();
        services.AddScoped<DocSign.Core.Access.MySessionsHandler>();
        services.AddScoped<DocSign.Core.Access.ListFailedSignInsHandler>();

        // SOP workflow: the calendar defaults are read once from DocSign:Workflow (bad settings fail at start); each
        // office's calendar adds its own zone, hours and regional days.
        services.AddOptions<WorkflowOptions>();
        services.TryAddSingleton(sp => CalendarDefaults.From(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value));
        services.AddScoped<OfficeCalendars>();
        services.AddScoped<OfficeTimes>();
        services.AddScoped<GetOfficeCalendarHandler>();
        services.AddScoped<UpdateOfficeCalendarHandler>();
        services.AddScoped<AddRegionalDayHandler>();
        services.AddScoped<RemoveRegionalDayHandler>();
        services.AddScoped<StartWorkflowHandler>();
        services.AddScoped<StartRevisionHandler>();
        services.AddScoped<ListDocumentKindsHandler>();
        services.AddScoped<SubmitOnGenericRouteHandler>();
        services.AddScoped<ReturnOnGenericRouteHandler>();
        services.AddScoped<AdvanceStepHandler>();
        services.AddScoped<SubmitDocumentHandler>();
        services.AddScoped<ReturnStepHandler>();
        services.AddScoped<RecordFindingHandler>();
        services.AddScoped<AnswerFindingHandler>();
        services.AddScoped<GetTimelineHandler>();
        services.AddScoped<MyTasksHandler>();
        services.AddScoped<LateStepsHandler>();
        services.AddScoped<DocumentsByStageHandler>();
        services.AddScoped<FlagOverdueStepsHandler>();
        services.AddScoped<GetOfficeSopHandler>();
        services.AddScoped<UpdateRoleMappingHandler>();
        // Accounts and their roles per office (the admin screens and /api/admin).
        services.AddScoped<Accounts.ListOfficeAccountsHandler>();
        services.AddScoped<Accounts.SetOfficeRoleHandler>();
        services.AddScoped<Accounts.LockAccountHandler>();
        services.AddScoped<Accounts.ListAdministeredOfficesHandler>();
        services.AddScoped<AdoptTemplateHandler>();
        services.AddScoped<AdaptOfficeSopHandler>();

        // Reminders (bell and e-mail) and the Camat's Plh./Plt.
        services.AddOptions<DocSign.Core.Reminders.ReminderOptions>();
        services.AddScoped<DocSign.Core.Reminders.SendRemindersHandler>();
        services.AddScoped<DocSign.Core.Reminders.MyNoticesHandler>();
        services.AddScoped<DocSign.Core.Reminders.MarkNoticeReadHandler>();
        services.TryAddSingleton<DocSign.Core.Reminders.IEmailSender, DocSign.Core.Reminders.NoEmail>();
        services.AddScoped<DocSign.Core.StandIns.HeadOfOffice>();
        services.AddScoped<DocSign.Core.StandIns.RecordActingAssignmentHandler>();
        services.AddScoped<DocSign.Core.StandIns.EndActingAssignmentHandler>();
        services.AddScoped<DocSign.Core.StandIns.ListActingAssignmentsHandler>();
        services.AddScoped<GetLkjipScheduleHandler>();
        services.AddScoped<SetLkjipDeadlineHandler>();

        // Signing: the SOP decides what is put to a signer and records the signature on its sign step.
        services.AddScoped<ISigningWorkflow, SopSigningWorkflow>();
        services.AddSingleton<VerdictCache>();
        services.AddScoped<EnrolSignerHandler>();
        services.AddScoped<ListEnrolmentsHandler>();
        services.AddScoped<SignDocumentHandler>();
        services.AddScoped<SignBatchHandler>();
        services.AddScoped<ListAwaitingSignatureHandler>();
        services.AddSingleton<SignBatchProgress>();
        services.AddScoped<GetSigningContextHandler>();
        services.AddScoped<DescribeSigningPathHandler>();
        services.AddScoped<GetPublicVerificationHandler>();
        services.AddScoped<ComparePublicCopyHandler>();
        services.AddScoped<OfficeSigningSettingsHandler>();
        services.AddScoped<DocSign.Core.Letters.LetterTemplateHandler>();
        services.AddScoped<ReserveLetterNumberHandler>();
        services.AddScoped<ClassificationCatalogue>();
        services.AddScoped<ClassificationCodesHandler>();
        services.AddScoped<UploadLetterEmblemHandler>();
        services.AddScoped<GetPublicLetterHandler>();
        services.AddScoped<GetLetterHandler>();
        services.AddScoped<ReadLetterContentHandler>();
        services.AddScoped<VoidLetterHandler>();
        services.AddScoped<DispatchLetterHandler>();
        services.AddScoped<UploadReceiptHandler>();
        services.AddScoped<ListLettersHandler>();
        services.AddScoped<LetterInboxHandler>();
        services.AddScoped<CreateCoverLetterHandler>();
        services.AddScoped<LetterStepAccess>();
        services.AddScoped<LetterStepGuard>();
        services.AddScoped<MakeCoverLetterHandler>();
        services.AddScoped<SignCoverLetterHandler>();
        services.AddScoped<SignWithCoverLetterHandler>();
        services.AddScoped<GetCoverLetterPanelHandler>();
        services.AddScoped<ArchiveDispatchedLetterHandler>();
        services.AddScoped<CheckArchiveIntegrityHandler>();
        services.AddScoped<RenewArchiveTimestampsHandler>();
        services.AddScoped<ListArchiveHandler>();
        services.AddScoped<ListDueDispositionsHandler>();
        services.AddScoped<DestroyArchiveCopyHandler>();
        services.AddScoped<GetLetterHistoryHandler>();
        services.AddScoped<ReadArchiveCopyHandler>();
        services.AddScoped<ListArchiveShelfHandler>();
        services.AddScoped<VerifyArchiveCopyHandler>();
        services.AddScoped<GetDossierHandler>();
        services.AddScoped<ExportRegisterHandler>();
        services.AddScoped<DocSign.Core.Audit.ReadAuditTrailHandler>();
        services.AddScoped<DocSign.Core.Audit.VerifyAuditChainHandler>();
        services.AddScoped<DocSign.Core.Jobs.ListJobsHandler>();
        services.AddScoped<DocSign.Core.Health.CheckHealthHandler>();
        services.AddDocSignIntake();
        services.AddDocSignSearch();
        return services;
    }
}
