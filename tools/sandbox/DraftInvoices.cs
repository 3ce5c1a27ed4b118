using Workbook.Egress;
using Workbook.Metronome;

namespace Workbook.Sandbox;

/// <summary>
/// The DRAFT invoice of each customer's open period: the month after its last FINALIZED period, priced from the
/// usage up to the sandbox's "now" with the unit prices of its plan's charges (the egress rating function).
/// </summary>
internal static class DraftInvoices
{
    public static IReadOnlyList<Invoice> Price(EgressDatabase database, IReadOnlyList<Invoice> finalized, DateTimeOffset now)
    {
        _ = database;
        _ = finalized;
        _ = now;
        // Filled in once the egress rating function lands (egress-rating-ready).
        return [];
    }
}
