namespace Workbook.CustomerSummary;

/// <summary>The outcome of <see cref="CustomerSummaryCheck.AgainstExport"/>.</summary>
public sealed record SummaryCheckResult(int CustomersInReport, int CustomersInExport, IReadOnlyList<SummaryMismatch> Mismatches)
{
    public bool Agrees => CustomersInReport == CustomersInExport && Mismatches.Count == 0;

    public override string ToString() => Agrees
        ? $"All {CustomersInReport} customers agree with the export: finalized invoice counts, lifetime billed and last finalized period."
        : $"{Mismatches.Count} disagreements; {CustomersInReport} customers in the report, {CustomersInExport} in the export.";
}
