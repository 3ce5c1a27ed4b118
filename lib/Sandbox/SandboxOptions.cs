using System.Security.Cryptography;

namespace Workbook.Sandbox;

/// <summary>How to run a sandbox: what it serves, the token it accepts, where it listens and which faults it injects.</summary>
public sealed record SandboxOptions
{
    public required SandboxDataset Dataset { get; init; }

    /// <summary>The only token accepted; every other request gets 401.</summary>
    public string BearerToken { get; init; } = NewToken();

    /// <summary>Port on 127.0.0.1; 0 picks a free one (see <see cref="SandboxServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    public IReadOnlyList<SandboxFault> Faults { get; init; } = [];

    /// <summary>ASP.NET Core's console logging; off by default so tests and the CLI stay quiet.</summary>
    public bool EnableLogging { get; init; }

    /// <summary>A random per-run token, prefixed so it is recognisable as a sandbox token.</summary>
    public static string NewToken() => "sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    // The token is a credential for this run: keep it out of logs and debugger displays.
    public override string ToString() => $"SandboxOptions {{ Port = {Port}, Faults = {Faults.Count}, Customers = {Dataset.Customers.Count} }}";
}
