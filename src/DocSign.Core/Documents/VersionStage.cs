namespace DocSign.Core.Documents;

/// <summary>
/// Where a version stands in the SOP: written (draft), corrected by the Sekcam, approved (final),
/// and signed by the Camat. <see cref="Signed"/> and <see cref="Paraf"/> (the final version with a reviewer's approval
/// signature, where the office asks for one before the Camat's) are only ever made by the signing use case, never uploaded.
/// </summary>
public enum VersionStage
{
    Draft = 0,
    Corrected = 1,
    Final = 2,
    Signed = 3,
    Paraf = 4,
}

public static class VersionStages
{
    /// <summary>The wire and database spelling: lower-case English words, stable across renames of the enum.</summary>
    public static string ToWire(this VersionStage stage) => stage switch
    {
        VersionStage.Draft => "draft",
        VersionStage.Corrected => "corrected",
        VersionStage.Final => "final",
        VersionStage.Signed => "signed",
        VersionStage.Paraf => "paraf",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static bool TryParse(string? text, out VersionStage stage)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "draft": stage = VersionStage.Draft; return true;
            case "corrected": stage = VersionStage.Corrected; return true;
            case "final": stage = VersionStage.Final; return true;
            case "signed": stage = VersionStage.Signed; return true;
            case "paraf": stage = VersionStage.Paraf; return true;
            default: stage = default; return false;
        }
    }

    /// <summary>Stages a person may upload; <c>signed</c> versions come only from the signing step.</summary>
    public static bool IsUploadable(this VersionStage stage) => stage is VersionStage.Draft or VersionStage.Corrected or VersionStage.Final;
}
