using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Workbook.Metronome;

/// <summary>
/// The User-Agent the client sends: the workbook and its version, then what it runs on, as the official SDKs name
/// themselves (<c>Metronome/Python 4.1.0</c>). E.g. <c>Workbook/1.0.0 (Metronome API client; .NET 10.0.0; Linux X64)</c>.
/// </summary>
public static class UserAgent
{
    public const string Name = "Workbook";

    /// <summary>The library's version (its informational version without the source revision).</summary>
    public static string Version { get; } =
        (typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    internal static ProductInfoHeaderValue Product { get; } = new(Name, Version);

    internal static ProductInfoHeaderValue Comment { get; } =
        new($"(Metronome API client; .NET {Environment.Version}; {OsName()} {RuntimeInformation.OSArchitecture})");

    /// <summary>The whole header value, as a server sees it.</summary>
    public static string Value => $"{Product} {Comment}";

    private static string OsName() =>
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "other";
}
