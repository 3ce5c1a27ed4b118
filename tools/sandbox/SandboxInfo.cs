namespace Workbook.Sandbox;

/// <summary>Placeholder until the sandbox lands (issue 4).</summary>
internal static class SandboxInfo
{
}
