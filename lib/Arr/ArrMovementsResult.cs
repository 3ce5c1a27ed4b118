namespace Workbook.Arr;

/// <summary>What an entity is: a hierarchy (keyed by its ultimate parent) or a single account.</summary>
public enum ArrLevel
{
    Hierarchy,
    Account,
}

/// <summary>How an entity's ARR changed from one month end to the next (flat months are not reported).</summary>
public enum ArrMovementKind
{
    /// <summary>0 → x, and no ARR at any earlier month end.</summary>
    New,

    /// <summary>0 → x after ARR at some earlier month end.</summary>
    Reactivation,

    /// <summary>x → y, 0 &lt; x &lt; y.</summary>
    Expansion,

    /// <summary>x → y, 0 &lt; y &lt; x.</summary>
    Contraction,

    /// <summary>x → 0.</summary>
    Churn,
}

/// <summary>
/// Each entity's ARR as a step function of the month: entity e's steps are at [start[e], end[e]), each a month
/// number and the ARR from that month end on, oldest first; before its first step an entity has none.
/// </summary>
internal sealed class EntityLevels(int[] start, int[] end, int[] months, decimal[] levels)
{
    public decimal At(int entity, int month)
    {
        var (from, to) = (start[entity], end[entity]);
        var index = Array.BinarySearch(months, from, to - from, month);
        index = index >= 0 ? index : ~index - 1;
        return index >= from ? levels[index] : 0m;
    }
}

/// <summary>One entity's movement in one month: its ARR at the end of the month before and at the end of this one.</summary>
public readonly record struct ArrMovement(DateOnly Month, int Entity, ArrMovementKind Kind, decimal OpeningArr, decimal ClosingArr)
{
    public decimal Change => ClosingArr - OpeningArr;
}

/// <summary>One step of a bridge over several months: a total (opening, closing) or a signed change.</summary>
public readonly record struct ArrBridgeStep(string Step, decimal Arr);

/// <summary>
/// One month of the ARR bridge: opening + new + reactivation + expansion − contraction − churn = closing. Contraction
/// and churn are positive amounts. Retention is trailing twelve months; empty when nobody had ARR twelve months
/// before. <see cref="Top10Share"/> is empty when the closing ARR is 0.
/// </summary>
public sealed record ArrBridgeMonth(
    DateOnly Month,
    decimal OpeningArr,
    decimal NewArr,
    decimal ReactivationArr,
    decimal ExpansionArr,
    decimal ContractionArr,
    decimal ChurnedArr,
    decimal ClosingArr,
    int EntitiesOpening,
    int EntitiesClosing,
    int NewEntities,
    int ChurnedEntities,
    decimal? NetRevenueRetention,
    decimal? GrossRevenueRetention,
    decimal? Top10Share,
    int EntitiesHoldingHalf);

/// <summary>
/// ARR movements over a range of months, at one level: the bridge per month and every non-flat movement. Amounts
/// are dollars, unrounded (rounded only when written, <see cref="ArrMovementsOutput"/>). Months are dated by their
/// last day.
/// </summary>
public sealed class ArrMovementsResult
{
    /// <summary>The id and name of the entity that holds the accounts on or below a parent cycle, at hierarchy level.</summary>
    public const string UnresolvedId = "(unresolved)";

    private readonly EntityLevels _levels;

    internal ArrMovementsResult(ArrInputs inputs, ArrLevel level, IReadOnlyList<ArrBridgeMonth> bridge, IReadOnlyList<ArrMovement> movements, EntityLevels levels)
    {
        _levels = levels;
        Inputs = inputs;
        Level = level;
        Bridge = bridge;
        Movements = movements;
    }

    public ArrInputs Inputs { get; }

    public ArrLevel Level { get; }

    public DateOnly From => Bridge[0].Month;

    public DateOnly To => Bridge[^1].Month;

    /// <summary>One row per month, oldest first.</summary>
    public IReadOnlyList<ArrBridgeMonth> Bridge { get; }

    /// <summary>Every non-flat movement, by month, then the largest change (in absolute value), then entity id.</summary>
    public IReadOnlyList<ArrMovement> Movements { get; }

    /// <summary>
    /// Entity numbers: at account level the account's row number (0-based); at hierarchy level its ultimate parent's,
    /// and the accounts count for <see cref="UnresolvedId"/>. <see cref="EntityCount"/> counts both.
    /// </summary>
    public int EntityCount => Inputs.Accounts.Count + 1;

    /// <summary>The entity's ARR at the end of <paramref name="month"/>'s month (any month up to the range's last).</summary>
    public decimal EntityArr(int entity, DateOnly month) => _levels.At(entity, ArrTimeline.MonthNumber(month));

    /// <summary>An entity's id: its account's (at hierarchy level, the ultimate parent's), or <see cref="UnresolvedId"/>.</summary>
    public string EntityId(int entity) => entity == Inputs.Accounts.Count ? UnresolvedId : Inputs.Accounts.Id(entity).ToString();

    /// <summary>An entity's name: its account's (at hierarchy level, the ultimate parent's), or <see cref="UnresolvedId"/>.</summary>
    public string EntityName(int entity) => entity == Inputs.Accounts.Count ? UnresolvedId : Inputs.Accounts.Name(entity).ToString();

    /// <summary>
    /// The bridge over the last <paramref name="months"/> months of the range: opening ARR, new, reactivation,
    /// expansion, contraction and churn (negative), closing ARR. The changes add up to closing − opening exactly.
    /// </summary>
    public IReadOnlyList<ArrBridgeStep> BridgeSteps(int months)
    {
        var rows = Bridge.TakeLast(months).ToList();
        return
        [
            new("Opening ARR", rows[0].OpeningArr),
            new("New", rows.Sum(row => row.NewArr)),
            new("Reactivation", rows.Sum(row => row.ReactivationArr)),
            new("Expansion", rows.Sum(row => row.ExpansionArr)),
            new("Contraction", -rows.Sum(row => row.ContractionArr)),
            new("Churn", -rows.Sum(row => row.ChurnedArr)),
            new("Closing ARR", rows[^1].ClosingArr),
        ];
    }

    /// <summary>The month's movements, largest change first (at most <paramref name="count"/>).</summary>
    public IReadOnlyList<ArrMovement> LargestMovers(DateOnly month, int count) =>
        Movements.Where(movement => movement.Month == month).Take(count).ToList();
}
