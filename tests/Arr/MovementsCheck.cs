using System.Globalization;
using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

/// <summary>
/// Compares <see cref="ArrMovements"/> (its result, or the two CSV files `workbook arr movements` wrote) with
/// <see cref="NaiveMovements"/>, and checks the bridge identity; returns what differs (empty: none).
/// </summary>
internal static class MovementsCheck
{
    public static List<string> Differences(ArrData data, DateOnly from, DateOnly to, ArrLevel level) =>
        Differences(ArrMovements.Compute(data.Load(), from, to, level), NaiveMovements.Compute(data, from, to, level == ArrLevel.Hierarchy));

    public static List<string> Differences(ArrMovementsResult engine, NaiveMovements.Result naive)
    {
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
                row.EntitiesOpening, row.EntitiesClosing, row.NewEntities, row.ChurnedEntities, row.NetRevenueRetention, row.GrossRevenueRetention,
                row.Top10Share, row.EntitiesHoldingHalf);
            var wanted = (expected.Opening, expected.New, expected.Reactivation, expected.Expansion, expected.Contraction, expected.Churn, expected.Closing,
                expected.EntitiesOpening, expected.EntitiesClosing, expected.NewEntities, expected.ChurnedEntities, expected.Nrr, expected.Grr,
                expected.Top10, expected.Half);
            Check(actual == wanted, $"{month}: {actual} naive {wanted}");
        }

        // Every entity-month: each entity's month-end ARR, for every entity the engine knows of (an entity the naive
        // implementation does not know never had ARR there, so it must be 0).
        foreach (var row in naive.Bridge)
        {
            var monthEnd = DateOnly.ParseExact(row.Name + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var entity = 0; entity < engine.EntityCount; entity++)
            {
                var id = engine.EntityId(entity);
                var (actual, expected) = (engine.EntityArr(entity, monthEnd), naive.ArrAt(row.Name, id));
                Check(actual == expected, $"{row.Name} {id}: {actual}, naive {expected}");
            }
        }

        var engineMovements = engine.Movements
            .Select(m => new NaiveMovements.Movement(
                ArrMovementsOutput.MonthText(m.Month), engine.EntityId(m.Entity), engine.EntityName(m.Entity), ArrMovementsOutput.KindText(m.Kind), m.OpeningArr, m.ClosingArr))
            .ToList();
        CheckSame(engineMovements, naive.Movements, "movement", differences);
        return differences;
    }

    /// <summary>
    /// The CSV files of `workbook arr movements --out <paramref name="folder"/>` against the naive implementation:
    /// every bridge row's fields (money to cents, ratios to 4 decimals) and its identity in the written figures, and
    /// every movement row in order.
    /// </summary>
    public static List<string> CsvDifferences(string folder, NaiveMovements.Result naive)
    {
        var differences = new List<string>();
        var bridge = Rows(Path.Combine(folder, ArrMovementsOutput.BridgeFile));
        var expectedBridge = naive.Bridge.Select(m => new[]
        {
            m.Name, Cents(m.Opening), Cents(m.New), Cents(m.Reactivation), Cents(m.Expansion), Cents(m.Contraction), Cents(m.Churn), Cents(m.Closing),
            Count(m.EntitiesOpening), Count(m.EntitiesClosing), Count(m.NewEntities), Count(m.ChurnedEntities), Ratio(m.Nrr), Ratio(m.Grr), Ratio(m.Top10),
        }).ToList();
        CheckSame(bridge.Select(Line).ToList(), expectedBridge.Select(Line).ToList(), "bridge row", differences);
        foreach (var row in bridge)
        {
            var money = row.Skip(1).Take(7).Select(field => decimal.Parse(field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)).ToArray();
            if (money[0] + money[1] + money[2] + money[3] - money[4] - money[5] != money[6])
            {
                differences.Add($"{row[0]}: the written bridge does not add up: {Line(row)}");
            }
        }

        var movements = Rows(Path.Combine(folder, ArrMovementsOutput.MovementsFile)).Select(Line).ToList();
        var expectedMovements = naive.Movements
            .Select(m => Line([m.Month, m.Entity, m.Name, m.Kind, Cents(m.Opening), Cents(m.Closing), Cents(m.Change)]))
            .ToList();
        CheckSame(movements, expectedMovements, "movement row", differences);
        return differences;
    }

    public static bool IdentityHolds(ArrBridgeMonth row) =>
        row.OpeningArr + row.NewArr + row.ReactivationArr + row.ExpansionArr - row.ContractionArr - row.ChurnedArr == row.ClosingArr;

    /// <summary>Two lists that must be equal item by item: their lengths and the first few items that differ.</summary>
    private static void CheckSame<T>(IReadOnlyList<T> actual, IReadOnlyList<T> expected, string what, List<string> differences)
    {
        if (actual.Count != expected.Count)
        {
            differences.Add($"{actual.Count} {what}s, naive {expected.Count}");
        }

        differences.AddRange(actual.Zip(expected)
            .Select((pair, i) => (pair.First, pair.Second, i))
            .Where(pair => !EqualityComparer<T>.Default.Equals(pair.First, pair.Second))
            .Take(10)
            .Select(pair => $"{what} {pair.i + 1}: {pair.First}, naive {pair.Second}"));
    }

    private static List<string[]> Rows(string path)
    {
        using var reader = CsvReader.Open(path);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private static string Line(string[] fields) => string.Join(" | ", fields);

    private static string Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    private static string Ratio(decimal? value) =>
        value is { } ratio ? Math.Round(ratio, 4, MidpointRounding.AwayFromZero).ToString("F4", CultureInfo.InvariantCulture) : "";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
