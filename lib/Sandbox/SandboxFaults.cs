namespace Workbook.Sandbox;

/// <summary>The active fault rules of a sandbox, asked at the point where each kind of fault can happen.</summary>
internal sealed class SandboxFaults(IReadOnlyList<SandboxFault> rules)
{
    /// <summary>The first rule of <paramref name="kind"/> that applies to this request (and counts it), or null.</summary>
    public SandboxFault? TryApply(SandboxFaultKind kind, string? path)
    {
        foreach (var rule in rules)
        {
            if (rule.Kind == kind && rule.TryApply(path ?? ""))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The added latency for this request: every latency rule that applies.</summary>
    public TimeSpan LatencyFor(string? path)
    {
        var total = TimeSpan.Zero;
        foreach (var rule in rules)
        {
            if (rule.Kind == SandboxFaultKind.Latency && rule.TryApply(path ?? ""))
            {
                total += rule.Latency;
            }
        }

        return total;
    }
}
