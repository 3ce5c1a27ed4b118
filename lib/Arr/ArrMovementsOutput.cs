using System.Globalization;
using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// The edge where movements become text: arr_bridge.csv, arr_movements.csv and the run summary. Money is rounded to
/// cents and ratios to 4 decimals (half away from zero) here and only here.
/// </summary>
public static class ArrMovementsOutput
{
    public const string BridgeFile = "arr_bridge.csv";
    public const string MovementsFile = "arr_movements.csv";

    public static readonly IReadOnlyList<string> BridgeHeader =
    [
        "month", "opening_arr", "new_arr", "reactivation_arr", "expansion_arr", "contraction_arr", "churned_arr", "closing_arr",
        "entities_opening", "entities_closing", "new_entities", "churned_entities", "net_revenue_retention",
        "gross_revenue_retention", "top10_share",
    ];

    public static readonly IReadOnlyList<string> MovementsHeader =
        ["month", "entity_id", "entity_name", "movement", "opening_arr", "closing_arr", "change"];

    /// <summary>
    /// Writes both files into <paramref name="folder"/> as a pair (<see cref="AtomicFile.WriteAll"/>): both new or both
    /// as they were. The small bridge goes first, so only it is copied aside for a rename that fails.
    /// </summary>
    public static void Write(ArrMovementsResult result, string folder) =>
        AtomicFile.WriteAll(
            (Path.Combine(folder, BridgeFile), stream => WriteBridge(result, stream)),
            (Path.Combine(folder, MovementsFile), stream => WriteMovements(result, stream)));

    public static void WriteBridge(ArrMovementsResult result, Stream stream) =>
        CsvWriter.WriteTable(stream, BridgeHeader, result.Bridge, (csv, row) => csv
            .Field(MonthText(row.Month))
            .Field(row.OpeningArr, 2).Field(row.NewArr, 2).Field(row.ReactivationArr, 2).Field(row.ExpansionArr, 2)
            .Field(row.ContractionArr, 2).Field(row.ChurnedArr, 2).Field(row.ClosingArr, 2)
            .Field(row.EntitiesOpening).Field(row.EntitiesClosing).Field(row.NewEntities).Field(row.ChurnedEntities)
            .Field(Ratio(row.NetRevenueRetention)).Field(Ratio(row.GrossRevenueRetention)).Field(Ratio(row.Top10Share)));

    public static void WriteMovements(ArrMovementsResult result, Stream stream) =>
        CsvWriter.WriteTable(stream, MovementsHeader, result.Movements, (csv, movement) => csv
            .Field(MonthText(movement.Month))
            .Field(result.EntityId(movement.Entity)).Field(result.EntityName(movement.Entity))
            .Field(KindText(movement.Kind))
            .Field(movement.OpeningArr, 2).Field(movement.ClosingArr, 2).Field(movement.Change, 2));

    /// <summary>"new", "reactivation", "expansion", "contraction", "churn": the movement column's words.</summary>
    public static string KindText(ArrMovementKind kind) => kind switch
    {
        ArrMovementKind.New => "new",
        ArrMovementKind.Reactivation => "reactivation",
        ArrMovementKind.Expansion => "expansion",
        ArrMovementKind.Contraction => "contraction",
        _ => "churn",
    };

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The answer in one paragraph, for the notebook: how ARR moved over the last <paramref name="months"/> months
    /// of the range, retention and concentration at its end.
    /// </summary>
    public static string Headline(ArrMovementsResult result, int months = 12)
    {
        var steps = result.BridgeSteps(months).ToDictionary(step => step.Step, step => step.Arr);
        var rows = result.Bridge.TakeLast(months).ToList();
        var latest = rows[^1];
        static string D(decimal value) => Numbers.DollarsDisplay(value);
        static string Percent(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
        var per = result.Level == ArrLevel.Hierarchy ? "hierarchies" : "accounts";
        return string.Create(CultureInfo.InvariantCulture,
            $"In the {rows.Count} months to {latest.Month:yyyy-MM-dd}, ARR went from {D(steps["Opening ARR"])} to {D(latest.ClosingArr)}: "
            + $"{D(steps["New"])} new, {D(steps["Reactivation"])} reactivated and {D(steps["Expansion"])} expansion, against "
            + $"{D(-steps["Contraction"])} contraction and {D(-steps["Churn"])} churn. "
            + $"Net revenue retention over the twelve months to {latest.Month:yyyy-MM-dd} is {Percent(latest.NetRevenueRetention)} and gross "
            + $"{Percent(latest.GrossRevenueRetention)}; the ten largest {per} hold {Percent(latest.Top10Share)} of ARR, and "
            + $"{latest.EntitiesHoldingHalf:#,##0} of {latest.EntitiesClosing:#,##0} hold half of it.");
    }

    /// <summary>The run summary printed on stdout.</summary>
    public static string FormatSummary(ArrMovementsResult result)
    {
        var bridge = result.Bridge;
        var latest = bridge[^1];
        static string D(decimal value) => Numbers.DollarsDisplay(value);
        static string Percent(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var level = result.Level == ArrLevel.Hierarchy ? "hierarchy (by ultimate parent)" : "account";
        text.WriteLine($"ARR movements {MonthText(result.From)} to {MonthText(result.To)} ({bridge.Count} months), by {level}");
        text.WriteLine($"  opening ARR:    {D(bridge[0].OpeningArr)} (end of {bridge[0].Month.AddDays(-bridge[0].Month.Day):yyyy-MM-dd})");
        text.WriteLine($"  new:            {D(bridge.Sum(row => row.NewArr))} ({Entities(bridge.Sum(row => row.NewEntities))})");
        text.WriteLine($"  reactivation:   {D(bridge.Sum(row => row.ReactivationArr))}");
        text.WriteLine($"  expansion:      {D(bridge.Sum(row => row.ExpansionArr))}");
        text.WriteLine($"  contraction:    {D(-bridge.Sum(row => row.ContractionArr))}");
        text.WriteLine($"  churn:          {D(-bridge.Sum(row => row.ChurnedArr))} ({Entities(bridge.Sum(row => row.ChurnedEntities))})");
        text.WriteLine($"  closing ARR:    {D(latest.ClosingArr)} (end of {latest.Month:yyyy-MM-dd}, {Entities(latest.EntitiesClosing)})");
        text.WriteLine($"  retention:      net {Percent(latest.NetRevenueRetention)}, gross {Percent(latest.GrossRevenueRetention)} (trailing 12 months to {latest.Month:yyyy-MM-dd})");
        text.WriteLine($"  concentration:  top 10 hold {Percent(latest.Top10Share)}; {Entities(latest.EntitiesHoldingHalf)} {(latest.EntitiesHoldingHalf == 1 ? "holds" : "hold")} half");
        text.WriteLine($"  movements:      {result.Movements.Count:#,##0} entity-months that were not flat");
        ArrOutput.WriteIssues(text, result.Inputs.Issues, result.Inputs.Hierarchy.Cycles);
        return text.ToString();
    }

    private static string Entities(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:#,##0} {(count == 1 ? "entity" : "entities")}");

    private static string Ratio(decimal? ratio) => ratio is { } r ? Numbers.Fixed(r, 4) : "";
}
