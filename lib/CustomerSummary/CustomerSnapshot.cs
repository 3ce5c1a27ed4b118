using Workbook.Metronome;

namespace Workbook.CustomerSummary;

/// <summary>What the API returned for one customer: the input of <see cref="CustomerSummaryBuilder"/>.</summary>
public sealed record CustomerSnapshot(
    Customer Customer,
    IReadOnlyList<Invoice> Invoices,
    IReadOnlyList<CustomerPlan> Plans,
    IReadOnlyList<CreditGrant> CreditGrants,
    IReadOnlyList<ContractBalance> ContractBalances);
