using System.Globalization;
using Workbook.Arr;

namespace Workbook.Tests.Arr;

/// <summary>
/// ARR movements by brute force, from the definitions: every entity's ARR at every month end from the
/// earliest start date in the input (every item tested against every month end with the challenge's "active" rule),
/// classified month by month, summed with plain loops. Slow in principle (entities × months) and clearly right:
/// <see cref="ArrMovements"/> must agree with it on every entity-month. Arrays indexed by entity and month keep it to
/// seconds at 250,000 accounts.
/// </summary>
internal static class NaiveMovements
{
    public sealed record Movement(string Month, string Entity, string Name, string Kind, decimal Opening, decimal Closing)
    {
        public decimal Change => Closing - Opening;
    }

    public sealed record Month(
        string Name, decimal Opening, decimal New, decimal Reactivation, decimal Expansion, decimal Contraction, decimal Churn,
        decimal Closing, int EntitiesOpening, int EntitiesClosing, int NewEntities, int ChurnedEntities,
        decimal? Nrr, decimal? Grr, decimal? Top10, int Half);

    /// <summary>The bridge, the non-flat movements (sorted by month, |change| descending, id), and every entity's ARR at every month end.</summary>
    public sealed class Result(IReadOnlyList<Month> bridge, IReadOnlyList<Movement> movements, string[] months, Dictionary<string, int> entities, decimal[][] arr)
    {
        public IReadOnlyList<Month> Bridge => bridge;

        public IReadOnlyList<Movement> Movements => movements;

        /// <summary>The entity's ARR at the end of <paramref name="month"/> (yyyy-MM); 0 for an entity that never had any.</summary>
        public decimal ArrAt(string month, string entity) =>
            entities.TryGetValue(entity, out var index) ? arr[Array.IndexOf(months, month)][index] : 0m;
    }

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

        var monthNames = monthEnds.Select(end => end.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToArray();

        // The entity of every account: itself, or its ultimate parent ("(unresolved)" on or below a cycle).
        var tops = NaiveRollup.UltimateParents(data);
        var names = data.Accounts.ToDictionary(a => a.Id, a => a.Name);
        var entityOf = data.Accounts.ToDictionary(a => a.Id, a => byHierarchy ? tops[a.Id] ?? ArrMovementsResult.UnresolvedId : a.Id);
        var entities = entityOf.Values.Distinct().ToList();
        var index = entities.Select((entity, i) => (entity, i)).ToDictionary(e => e.entity, e => e.i);

        // Every entity's ARR at every month end: each item added at each month end where it and its subscription are active.
        var arr = monthEnds.Select(_ => new decimal[entities.Count]).ToArray();
        var subscriptions = data.Subscriptions.ToDictionary(s => s.Id);
        foreach (var item in data.Items)
        {
            if (!subscriptions.TryGetValue(item.Subscription, out var subscription) || !entityOf.TryGetValue(subscription.Account, out var entity))
            {
                continue;
            }

            var amount = item.Quantity * item.ListPrice * (1 - item.Discount);
            for (var m = 0; m < monthEnds.Count; m++)
            {
                var end = monthEnds[m];
                if (subscription.Start <= end && end <= subscription.End && item.Start <= end && end <= item.End)
                {
                    arr[m][index[entity]] += amount;
                }
            }
        }

        var bridge = new List<Month>();
        var movements = new List<Movement>();
        var hadArr = new bool[entities.Count]; // ARR > 0 at some month end before the one in hand
        for (var m = 0; m < monthEnds.Count; m++)
        {
            if (monthEnds[m] >= from)
            {
                var (before, now, yearAgo) = (arr[m - 1], arr[m], arr[m - 12]);
                decimal newArr = 0, reactivation = 0, expansion = 0, contraction = 0, churn = 0;
                int newEntities = 0, churned = 0;
                for (var e = 0; e < entities.Count; e++)
                {
                    var (opening, closing) = (before[e], now[e]);
                    string? kind = opening == 0 && closing > 0 ? (hadArr[e] ? "reactivation" : "new")
                        : opening > 0 && closing == 0 ? "churn"
                        : opening > 0 && closing > opening ? "expansion"
                        : opening > 0 && closing < opening ? "contraction"
                        : null;
                    switch (kind)
                    {
                        case "new": newArr += closing; newEntities++; break;
                        case "reactivation": reactivation += closing; break;
                        case "expansion": expansion += closing - opening; break;
                        case "contraction": contraction += opening - closing; break;
                        case "churn": churn += opening; churned++; break;
                    }

                    if (kind is not null)
                    {
                        var id = entities[e];
                        movements.Add(new Movement(monthNames[m], id, names.GetValueOrDefault(id, id), kind, opening, closing));
                    }
                }

                decimal openingTotal = 0, basis = 0, retained = 0, kept = 0;
                var entitiesOpening = 0;
                var closings = new List<decimal>();
                for (var e = 0; e < entities.Count; e++)
                {
                    openingTotal += before[e];
                    entitiesOpening += before[e] > 0 ? 1 : 0;
                    if (now[e] > 0)
                    {
                        closings.Add(now[e]);
                    }

                    if (yearAgo[e] > 0)
                    {
                        basis += yearAgo[e];
                        retained += now[e];
                        kept += Math.Min(now[e], yearAgo[e]);
                    }
                }

                closings.Sort((a, b) => b.CompareTo(a));
                decimal total = 0, top10 = 0;
                for (var k = 0; k < closings.Count; k++)
                {
                    total += closings[k];
                    top10 += k < 10 ? closings[k] : 0;
                }

                var (half, running) = (0, 0m);
                while (total > 0 && running * 2 < total)
                {
                    running += closings[half++];
                }

                bridge.Add(new Month(
                    monthNames[m], openingTotal, newArr, reactivation, expansion, contraction, churn, total, entitiesOpening, closings.Count,
                    newEntities, churned, basis > 0 ? retained / basis : null, basis > 0 ? kept / basis : null, total > 0 ? top10 / total : null, half));
            }

            for (var e = 0; e < entities.Count; e++)
            {
                hadArr[e] |= arr[m][e] > 0;
            }
        }

        movements.Sort((a, b) =>
        {
            var byMonth = string.CompareOrdinal(a.Month, b.Month);
            var bySize = Math.Abs(b.Change).CompareTo(Math.Abs(a.Change));
            return byMonth != 0 ? byMonth : bySize != 0 ? bySize : string.CompareOrdinal(a.Entity, b.Entity);
        });
        return new Result(bridge, movements, monthNames, index, arr);
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;
}
