namespace Workbook.Metronome;

/// <summary>One retry about to happen: which request, why, and how long the client waits first.</summary>
public sealed record MetronomeRetry(string Method, string Path, int Attempt, int? StatusCode, string Reason, TimeSpan Delay);
