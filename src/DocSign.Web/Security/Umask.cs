using System.Runtime.InteropServices;

namespace DocSign.Web.Security;

/// <summary>
/// Files the service creates (database, journals, stored documents, temporary uploads) are born readable by its own
/// user only: the process umask is set to 077 before anything is written.
/// </summary>
internal static class Umask
{
    [DllImport("libc", EntryPoint = "umask")]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole project
    private static extern uint SetUmask(uint mask);
#pragma warning restore SYSLIB1054

    public static void MakeFilesPrivate()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) SetUmask(0b000_111_111); // 077
    }
}
