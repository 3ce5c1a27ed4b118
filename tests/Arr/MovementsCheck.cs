using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>Compares <see cref="ArrMovements"/> with <see cref="NaiveMovements"/>, and checks the bridge identity; returns what differs (empty: none).</summary>
internal static class MovementsCheck
{
    public static List<string> Differences(ArrData data, DateOnly from, DateOnly to, ArrLevel level)
    {
        var engine = ArrMovements.Compute(data.Load(), from, to, level);
        var naive = NaiveMovements.Compute(data, from, to, level == ArrLevel.Hierarchy);
        var differences = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                differences.Add(what);
            }
        }

        Check(engine.Bridge.Count == naive.Bridge.Count, $"{engine.Bridge.Count} bridge months, naive {naive.Bridge.Count}");
        foreach (var (row, expected) in engine.Bridge.Zip(naive.Bridge))
        {
            var month = ArrMovementsOutput.MonthText(row.Month);
            Check(month == expected.Name, $"month {month}, naive {expected.Name}");
            Check(IdentityHolds(row), $"{month}: the bridge identity fails");
            var actual = (row.OpeningArr, row.NewArr, row.ReactivationArr, row.ExpansionArr, row.ContractionArr, row.ChurnedArr, row.ClosingArr,
                row.EntitiesOpening, row.EntitiesClosing, row.NetRevenueRetention, row.GrossRevenueRetention, row.Top10Share, row.EntitiesHoldingHalf);
            var wanted = (expected.Opening, expected.New, expected.Reactivation, expected.Expansion, expected.Contraction, expected.Churn, expected.Closing,
                expected.EntitiesOpening, expected.EntitiesClosing, expected.Nrr, expected.Grr, expected.Top10, expected.Half);
            Check(actual == wanted, $"{month}: {actual} naive {wanted}");
        }

        // Every entity-month: each entity's month-end ARR, for every entity either side knows of.
        var ids = Enumerable.Range(0, engine.EntityCount).ToDictionary(engine.EntityId);
        foreach (var row in naive.Bridge)
        {
            var monthEnd = DateOnly.ParseExact(row.Name + "-01", "yyyy-MM-dd");
            foreach (var (id, entity) in ids)
            {
                var expected = naive.Arr.GetValueOrDefault((row.Name, id));
                var actual = engine.EntityArr(entity, monthEnd);
                Check(actual == expected, $"{row.Name} {id}: {actual}, naive {expected}");
            }
        }

        var engineMovements = engine.Movements
            .Select(m => (ArrMovementsOutput.MonthText(m.Month), engine.EntityId(m.Entity), ArrMovementsOutput.KindText(m.Kind), m.OpeningArr, m.ClosingArr))
            .ToHashSet();
        var naiveMovements = naive.Movements.Select(m => (m.Month, m.Entity, m.Kind, m.Opening, m.Closing)).ToHashSet();
        Check(engine.Movements.Count == naive.Movements.Count && engineMovements.SetEquals(naiveMovements),
            $"movements differ: engine only {string.Join("; ", engineMovements.Except(naiveMovements))}, naive only {string.Join("; ", naiveMovements.Except(engineMovements))}");
        return differences;
    }

    public static bool IdentityHolds(ArrBridgeMonth row) =>
        row.OpeningArr + row.NewArr + row.ReactivationArr + row.ExpansionArr - row.ContractionArr - row.ChurnedArr == row.ClosingArr;
}
