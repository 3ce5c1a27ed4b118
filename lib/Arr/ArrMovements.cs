using System.Runtime.CompilerServices;

namespace Workbook.Arr;

/// <summary>
/// ARR movements as a pure function: loaded inputs and a range of months in, each entity's ARR at every month end,
/// the monthly bridge, trailing-twelve-month retention and concentration out. An entity's ARR at a month end is the
/// rollup's (<see cref="ArrTimeline.ActiveMonths"/>: the same "active" rule, the same item ARR).
/// <para>
/// Each item becomes two changes of its entity's ARR: +ARR at the first month end it is active on, −ARR after the
/// last. Grouped by entity and sorted by month, an entity's changes give its ARR month by month from the earliest
/// start date in the input (which new versus reactivation needs). The cost is the items (their changes are grouped
/// and sorted per entity) plus, for each entity that ever had an item, the months read (the range and the twelve
/// before it): never accounts × months.
/// </para>
/// </summary>
public static class ArrMovements
{
    private const int RetentionMonths = 12;
    private const int TopEntities = 10;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see ArrInputs: a loop over every row, run once
    public static ArrMovementsResult Compute(ArrInputs inputs, DateOnly from, DateOnly to, ArrLevel level = ArrLevel.Hierarchy)
    {
        var fromMonth = ArrTimeline.MonthNumber(from);
        var toMonth = ArrTimeline.MonthNumber(to);
        if (toMonth < fromMonth)
        {
            throw new ArgumentException($"the range ends ({to:yyyy-MM}) before it starts ({from:yyyy-MM})", nameof(to));
        }

        var entityOf = EntityOf(inputs, level);
        var (offsets, months, changes) = ChangesByEntity(inputs, entityOf, toMonth);

        // The months that are read: twelve before the first (retention's base; the first's opening is the one before).
        var firstRead = fromMonth - RetentionMonths;
        var span = toMonth - firstRead + 1;
        var window = toMonth - fromMonth + 1;
        var monthly = new Month[window];
        var closing = new List<decimal>[span]; // each entity's ARR > 0 at the month end, for totals and concentration
        for (var m = 0; m < span; m++)
        {
            closing[m] = [];
        }

        var levelByMonth = new decimal[span]; // one entity's ARR at each month read
        var levelsEnd = offsets[..^1]; // an entity without changes keeps an empty range
        var movements = new List<ArrMovement>();
        for (var entity = 0; entity + 1 < offsets.Length; entity++)
        {
            var (start, end) = (offsets[entity], offsets[entity + 1]);
            if (start == end)
            {
                continue;
            }

            Array.Sort(months, changes, start, end - start);
            Array.Clear(levelByMonth);
            var arr = 0m;
            var hadArr = false;
            var kept = start; // the entity's changes become its levels in place: (month, ARR from that month on)
            for (var c = start; c < end;)
            {
                var month = months[c];
                var next = arr;
                for (; c < end && months[c] == month; c++)
                {
                    next += changes[c];
                }

                (months[kept], changes[kept]) = (month, next);
                kept++;

                if (month >= fromMonth && Classify(arr, next, hadArr) is { } kind)
                {
                    monthly[month - fromMonth].Add(kind, next - arr);
                    movements.Add(new ArrMovement(ArrTimeline.MonthEnd(month), entity, kind, arr, next));
                }

                // The new level holds from this month until the entity's next change (or the range's end).
                var until = c < end ? months[c] - 1 : toMonth;
                for (var m = Math.Max(month, firstRead); m <= until; m++)
                {
                    levelByMonth[m - firstRead] = next;
                }

                hadArr |= next > 0;
                arr = next;
            }

            levelsEnd[entity] = kept;
            for (var m = 0; m < span; m++)
            {
                if (levelByMonth[m] > 0)
                {
                    closing[m].Add(levelByMonth[m]);
                }

                if (m >= RetentionMonths && levelByMonth[m - RetentionMonths] is var before && before > 0)
                {
                    monthly[m - RetentionMonths].Retain(before, levelByMonth[m]);
                }
            }
        }

        var bridge = new ArrBridgeMonth[window];
        for (var w = 0; w < window; w++)
        {
            var opening = closing[w + RetentionMonths - 1];
            var current = closing[w + RetentionMonths];
            bridge[w] = monthly[w].Row(ArrTimeline.MonthEnd(fromMonth + w), opening, current);
        }

        var levels = new EntityLevels(offsets, levelsEnd, months, changes);
        return new ArrMovementsResult(inputs, level, bridge, Sorted(movements, inputs), levels);
    }

    /// <summary>Each account's entity: its ultimate parent (the accounts count, <c>(unresolved)</c>, on or below a cycle) or itself.</summary>
    private static int[] EntityOf(ArrInputs inputs, ArrLevel level)
    {
        var count = inputs.Accounts.Count;
        if (level == ArrLevel.Account)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        var ultimate = inputs.Hierarchy.UltimateParent;
        var entityOf = new int[count];
        for (var account = 0; account < count; account++)
        {
            entityOf[account] = ultimate[account] >= 0 ? ultimate[account] : count;
        }

        return entityOf;
    }

    /// <summary>
    /// Every item's two changes (its ARR from its first active month end, minus it after its last), grouped by entity
    /// with a counting sort: entity e's changes are at [offsets[e], offsets[e + 1]), in item order. Changes after
    /// <paramref name="toMonth"/> are left out.
    /// </summary>
    private static (int[] Offsets, int[] Months, decimal[] Changes) ChangesByEntity(ArrInputs inputs, int[] entityOf, int toMonth)
    {
        var items = inputs.Items;
        var subscriptionAccount = inputs.Subscriptions.Account;
        var windows = new (int Entity, int First, int Last)[items.Count];
        var offsets = new int[inputs.Accounts.Count + 2];
        for (var i = 0; i < items.Count; i++)
        {
            var account = subscriptionAccount[items.Subscription[i]];
            var (start, end) = ArrTimeline.ItemTerm(inputs, i);
            var (first, last) = ArrTimeline.ActiveMonths(start, end);
            if (account < 0 || first > Math.Min(last, toMonth))
            {
                windows[i] = (-1, 0, 0);
                continue;
            }

            var entity = entityOf[account];
            windows[i] = (entity, first, last);
            offsets[entity + 1] += last < toMonth ? 2 : 1;
        }

        for (var e = 1; e < offsets.Length; e++)
        {
            offsets[e] += offsets[e - 1];
        }

        var months = new int[offsets[^1]];
        var changes = new decimal[offsets[^1]];
        var fill = offsets[..^1];
        var itemArr = items.Arr;
        for (var i = 0; i < windows.Length; i++)
        {
            var (entity, first, last) = windows[i];
            if (entity < 0)
            {
                continue;
            }

            (months[fill[entity]], changes[fill[entity]]) = (first, itemArr[i]);
            fill[entity]++;
            if (last < toMonth)
            {
                (months[fill[entity]], changes[fill[entity]]) = (last + 1, -itemArr[i]);
                fill[entity]++;
            }
        }

        return (offsets, months, changes);
    }

    /// <summary>The definitions; null for a flat month.</summary>
    internal static ArrMovementKind? Classify(decimal opening, decimal closing, bool hadArrBefore) =>
        (opening > 0, closing > 0) switch
        {
            (false, true) => hadArrBefore ? ArrMovementKind.Reactivation : ArrMovementKind.New,
            (true, false) => ArrMovementKind.Churn,
            (true, true) when closing > opening => ArrMovementKind.Expansion,
            (true, true) when closing < opening => ArrMovementKind.Contraction,
            _ => null,
        };

    /// <summary>By month, then |change| descending, then entity id (ordinal).</summary>
    private static List<ArrMovement> Sorted(List<ArrMovement> movements, ArrInputs inputs)
    {
        var count = inputs.Accounts.Count;
        string Id(int entity) => entity == count ? ArrMovementsResult.UnresolvedId : inputs.Accounts.Id(entity).ToString();
        var ids = movements.Select(movement => movement.Entity).Distinct().ToDictionary(entity => entity, Id);
        movements.Sort((a, b) =>
        {
            var byMonth = a.Month.CompareTo(b.Month);
            if (byMonth != 0)
            {
                return byMonth;
            }

            var bySize = Math.Abs(b.Change).CompareTo(Math.Abs(a.Change));
            return bySize != 0 ? bySize : string.CompareOrdinal(ids[a.Entity], ids[b.Entity]);
        });
        return movements;
    }

    /// <summary>One month's sums, filled as the entities are swept.</summary>
    private struct Month
    {
        private decimal _new, _reactivation, _expansion, _contraction, _churn;
        private int _newEntities, _churnedEntities;
        private decimal _retentionBase, _retained, _retainedCapped;

        public void Add(ArrMovementKind kind, decimal change)
        {
            switch (kind)
            {
                case ArrMovementKind.New:
                    _new += change;
                    _newEntities++;
                    break;
                case ArrMovementKind.Reactivation:
                    _reactivation += change;
                    break;
                case ArrMovementKind.Expansion:
                    _expansion += change;
                    break;
                case ArrMovementKind.Contraction:
                    _contraction -= change;
                    break;
                case ArrMovementKind.Churn:
                    _churn -= change;
                    _churnedEntities++;
                    break;
            }
        }

        /// <summary>An entity that had <paramref name="before"/> &gt; 0 twelve months earlier and has <paramref name="now"/>.</summary>
        public void Retain(decimal before, decimal now)
        {
            _retentionBase += before;
            _retained += now;
            _retainedCapped += Math.Min(before, now);
        }

        public readonly ArrBridgeMonth Row(DateOnly month, List<decimal> opening, List<decimal> closing)
        {
            var closingArr = Sum(closing);
            var (top10, half) = Concentration(closing, closingArr);
            return new ArrBridgeMonth(
                month, Sum(opening), _new, _reactivation, _expansion, _contraction, _churn, closingArr,
                opening.Count, closing.Count, _newEntities, _churnedEntities,
                _retentionBase > 0 ? _retained / _retentionBase : null,
                _retentionBase > 0 ? _retainedCapped / _retentionBase : null,
                top10, half);
        }

        private static decimal Sum(List<decimal> values)
        {
            var sum = 0m;
            foreach (var value in values)
            {
                sum += value;
            }

            return sum;
        }

        /// <summary>The top ten's share of the total, and how few of the largest entities hold at least half of it.</summary>
        private static (decimal? Top10, int Half) Concentration(List<decimal> values, decimal total)
        {
            if (total <= 0)
            {
                return (null, 0);
            }

            var sorted = values.ToArray();
            Array.Sort(sorted, (a, b) => b.CompareTo(a));
            var (top10, running, half) = (0m, 0m, 0);
            for (var k = 0; k < sorted.Length && (half == 0 || k < TopEntities); k++)
            {
                running += sorted[k];
                top10 = k < TopEntities ? running : top10;
                half = half == 0 && running * 2 >= total ? k + 1 : half;
            }

            return (top10 / total, half);
        }
    }
}
