using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>One customer whose summary disagrees with the data export it was served from.</summary>
public sealed record SummaryMismatch(string Customer, string Field, string Report, string Export);
