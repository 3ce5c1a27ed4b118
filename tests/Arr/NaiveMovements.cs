using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>
/// ARR movements by brute force, from the definitions: every entity's ARR at every month end from the
/// earliest start date in the input (each month end a full <see cref="NaiveRollup"/>), classified month by month,
/// summed with LINQ. Slow and clearly right: <see cref="ArrMovements"/> must agree with it on every entity-month.
/// </summary>
internal static class NaiveMovements
{
    public sealed record Movement(string Month, string Entity, string Kind, decimal Opening, decimal Closing);

    public sealed record Month(
        string Name, decimal Opening, decimal New, decimal Reactivation, decimal Expansion, decimal Contraction, decimal Churn,
        decimal Closing, int EntitiesOpening, int EntitiesClosing, decimal? Nrr, decimal? Grr, decimal? Top10, int Half);

    public sealed record Result(IReadOnlyList<Month> Bridge, IReadOnlyList<Movement> Movements, Dictionary<(string Month, string Entity), decimal> Arr);

    public static Result Compute(ArrData data, DateOnly from, DateOnly to, bool byHierarchy)
    {
        var starts = data.Subscriptions.Select(s => s.Start).Concat(data.Items.Select(i => i.Start)).ToList();
        var earliest = starts.Count == 0 ? from : starts.Min();
        var first = Earlier(new DateOnly(earliest.Year, earliest.Month, 1), new DateOnly(from.Year, from.Month, 1).AddMonths(-12));

        var monthEnds = new List<DateOnly>();
        for (var month = first; month <= to; month = month.AddMonths(1))
        {
            monthEnds.Add(month.AddMonths(1).AddDays(-1));
        }

        // Every entity's ARR at every month end (absent: 0).
        var arr = new Dictionary<DateOnly, Dictionary<string, decimal>>();
        foreach (var end in monthEnds)
        {
            var rollup = NaiveRollup.Compute(data, end);
            arr[end] = rollup
                .Where(row => row.Value.Arr != 0)
                .GroupBy(row => byHierarchy ? row.Value.UltimateParent ?? ArrMovementsResult.UnresolvedId : row.Key)
                .ToDictionary(group => group.Key, group => group.Sum(row => row.Value.Arr));
        }

        decimal At(DateOnly end, string entity) => arr[end].GetValueOrDefault(entity);
        var entities = arr.Values.SelectMany(values => values.Keys).Distinct().ToList();

        var bridge = new List<Month>();
        var movements = new List<Movement>();
        var values = new Dictionary<(string, string), decimal>();
        foreach (var end in monthEnds.Where(end => end >= from))
        {
            var before = end.AddDays(1 - end.Day).AddDays(-1);
            var yearAgo = new DateOnly(end.Year - 1, end.Month, 1).AddMonths(1).AddDays(-1);
            var name = end.ToString("yyyy-MM");
            var kinds = new List<(string Kind, decimal Change)>();
            foreach (var entity in entities)
            {
                var (opening, closing) = (At(before, entity), At(end, entity));
                values[(name, entity)] = closing;
                var earlier = monthEnds.Where(e => e < end).Any(e => At(e, entity) > 0);
                string? kind = opening == 0 && closing > 0 ? (earlier ? "reactivation" : "new")
                    : opening > 0 && closing == 0 ? "churn"
                    : opening > 0 && closing > opening ? "expansion"
                    : opening > 0 && closing < opening ? "contraction"
                    : null;
                if (kind is not null)
                {
                    movements.Add(new Movement(name, entity, kind, opening, closing));
                    kinds.Add((kind, closing - opening));
                }
            }

            decimal Sum(string kind) => kinds.Where(k => k.Kind == kind).Sum(k => Math.Abs(k.Change));
            var retained = entities.Where(e => At(yearAgo, e) > 0).ToList();
            var basis = retained.Sum(e => At(yearAgo, e));
            var closings = arr[end].Values.Where(v => v > 0).OrderByDescending(v => v).ToList();
            var total = closings.Sum();
            var half = Enumerable.Range(1, closings.Count).FirstOrDefault(k => closings.Take(k).Sum() * 2 >= total);
            bridge.Add(new Month(
                name, arr[before].Values.Sum(), Sum("new"), Sum("reactivation"), Sum("expansion"), Sum("contraction"), Sum("churn"),
                total, arr[before].Count(v => v.Value > 0), closings.Count,
                basis > 0 ? retained.Sum(e => At(end, e)) / basis : null,
                basis > 0 ? retained.Sum(e => Math.Min(At(end, e), At(yearAgo, e))) / basis : null,
                total > 0 ? closings.Take(10).Sum() / total : null,
                total > 0 ? half : 0));
        }

        return new Result(bridge, movements, values);
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;
}
