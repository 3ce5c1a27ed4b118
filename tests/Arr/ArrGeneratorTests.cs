using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

/// <summary>The generator's data has the shape of the challenge's real tables.</summary>
public class ArrGeneratorTests : IClassFixture<ArrGeneratorTests.Default250k>
{
    private readonly ArrData _data;
    private readonly GeneratedArrData _totals;

    public ArrGeneratorTests(Default250k generated)
    {
        _data = generated.Data;
        _totals = generated.Totals;
    }

    /// <summary>One default-size (250,000 accounts) generation shared by the tests of this class.</summary>
    public sealed class Default250k : IDisposable
    {
        private readonly TempDir _dir = new();

        public Default250k()
        {
            Totals = ArrGenerator.Write(_dir.Path, ArrGenerator.DefaultAccounts, ArrGenerator.DefaultSeed);
            Data = GeneratedData.Read(_dir.Path);
        }

        internal ArrData Data { get; }

        public GeneratedArrData Totals { get; }

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public void Counts_match_the_real_tables()
    {
        Assert.Equal(new GeneratedArrData(250_000, 65_871, 35_000, _data.Items.Count), _totals);
        Assert.Equal(250_000, _data.Accounts.Count);
        Assert.Equal(65_871, _data.Accounts.Count(a => a.Parent.Length == 0));
        Assert.Equal(35_000, _data.Subscriptions.Count);
        var perAccount = _data.Subscriptions.GroupBy(s => s.Account).Select(g => g.Count()).ToList();
        Assert.Equal(29_886, perAccount.Count);
        Assert.Equal(24_772, perAccount.Count(count => count == 1));
        Assert.Equal(5_114, perAccount.Count(count => count == 2));
        Assert.Equal(_data.Accounts.Count, _data.Accounts.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Subscription_terms_are_one_year_in_the_real_start_date_windows()
    {
        Assert.All(_data.Subscriptions, s => Assert.Equal(s.Start.AddDays(365), s.End));
        Assert.Equal(new DateOnly(2022, 3, 7), _data.Subscriptions.Min(s => s.Start));
        Assert.Equal(new DateOnly(2024, 11, 25), _data.Subscriptions.Max(s => s.Start));
        Assert.DoesNotContain(_data.Subscriptions, s => s.Start > new DateOnly(2022, 5, 25) && s.Start < new DateOnly(2022, 12, 2));
    }

    [Fact]
    public void Start_dates_follow_the_real_subscriptions_month_by_month()
    {
        static Dictionary<string, double> Shares(IEnumerable<DateOnly> starts)
        {
            var list = starts.ToList();
            return list.GroupBy(d => $"{d:yyyy-MM}").ToDictionary(g => g.Key, g => (double)g.Count() / list.Count);
        }

        var real = new List<DateOnly>();
        using (var reader = CsvReader.Open(SharedData.ArrSubscriptions))
        {
            var start = reader.Column("start_date");
            while (reader.Read())
            {
                real.Add(reader.GetDate(start));
            }
        }

        var expected = Shares(real);
        var actual = Shares(_data.Subscriptions.Select(s => s.Start));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, month => Assert.InRange(actual[month.Key], month.Value - 0.01, month.Value + 0.01));
    }

    /// <summary>
    /// How an account's second subscription sits against its first, as shares of the accounts with two: overlapping
    /// it, starting within a day of its end, or after a longer gap.
    /// </summary>
    private static (double Overlap, double RightAfter, double AfterGap) SecondSubscriptions(IEnumerable<(string Account, DateOnly Start, DateOnly End)> subscriptions)
    {
        var gaps = subscriptions.GroupBy(s => s.Account).Where(g => g.Count() == 2)
            .Select(g => g.OrderBy(s => s.Start).ToArray())
            .Select(pair => pair[1].Start.DayNumber - pair[0].End.DayNumber)
            .ToList();
        return ((double)gaps.Count(g => g < 0) / gaps.Count, (double)gaps.Count(g => g is 0 or 1) / gaps.Count, (double)gaps.Count(g => g > 1) / gaps.Count);
    }

    [Fact]
    public void Second_subscriptions_overlap_follow_or_return_as_in_the_real_table()
    {
        var real = new List<(string, DateOnly, DateOnly)>();
        using (var reader = CsvReader.Open(SharedData.ArrSubscriptions))
        {
            var (account, start, end) = (reader.Column("account_id"), reader.Column("start_date"), reader.Column("end_date"));
            while (reader.Read())
            {
                real.Add((reader.GetString(account), reader.GetDate(start), reader.GetDate(end)));
            }
        }

        var expected = SecondSubscriptions(real);
        var actual = SecondSubscriptions(_data.Subscriptions.Select(s => (s.Account, s.Start, s.End)));
        Assert.InRange(expected.Overlap, 0.80, 0.83); // what the real table shows: 4,174 of 5,114
        Assert.InRange(actual.Overlap, expected.Overlap - 0.02, expected.Overlap + 0.02);
        Assert.InRange(actual.AfterGap, expected.AfterGap - 0.02, expected.AfterGap + 0.02);
        Assert.InRange(actual.RightAfter, 0.0005, 0.01); // 12 of 5,114 in the real table
    }

    [Fact]
    public void A_second_subscription_continues_the_first_with_more_or_fewer_units()
    {
        var subscriptions = _data.Subscriptions.ToDictionary(s => s.Id);
        var items = _data.Items.ToLookup(i => i.Subscription);
        var pairs = _data.Subscriptions.GroupBy(s => s.Account).Where(g => g.Count() == 2)
            .Select(g => g.OrderBy(s => s.Start).ThenBy(s => s.Id).ToArray())
            .Select(pair => (First: items[pair[0].Id].ToList(), Second: items[pair[1].Id].ToList()))
            .ToList();
        var kept = pairs.SelectMany(p => p.First.Zip(p.Second)).Where(p => p.First.ListPrice == p.Second.ListPrice && p.First.Discount == p.Second.Discount).ToList();

        Assert.All(pairs, pair => Assert.Equal(pair.First.Count, pair.Second.Count));
        Assert.InRange((double)kept.Count / pairs.Sum(p => p.First.Count), 0.85, 1.0);
        Assert.InRange((double)kept.Count(p => p.Second.Quantity > p.First.Quantity) / kept.Count, 0.35, 0.55);
        Assert.InRange((double)kept.Count(p => p.Second.Quantity < p.First.Quantity) / kept.Count, 0.15, 0.30);
    }

    [Fact]
    public void Items_have_whole_quantities_and_prices_and_fractional_discounts_with_the_edge_cases()
    {
        var perSubscription = _data.Items.GroupBy(i => i.Subscription).Select(g => g.Count()).ToList();
        Assert.Equal(35_000, perSubscription.Count);
        Assert.All(perSubscription, count => Assert.InRange(count, 1, 2));
        Assert.All(_data.Items, item => Assert.InRange(item.Discount, 0m, 1m));
        Assert.Contains(_data.Items, item => item.Quantity == 0);
        Assert.Contains(_data.Items, item => item.Discount == 1m);
        Assert.Contains(_data.Items, item => item.Discount == 0.07m);
        var subscriptions = _data.Subscriptions.ToDictionary(s => s.Id);
        Assert.All(_data.Items, item =>
        {
            var term = subscriptions[item.Subscription];
            Assert.InRange(item.Start, term.Start, item.End);
            Assert.InRange(item.End, item.Start, term.End);
        });
    }

    [Fact]
    public void Hierarchies_are_several_levels_deep_with_children_often_listed_before_parents()
    {
        var result = _data.Rollup(new DateOnly(2023, 6, 30));
        Assert.InRange(result.Summary.MaxDepth, 5, 200);
        Assert.InRange(result.Summary.LargestHierarchy, 100, 2_000);
        Assert.Equal(0, result.Summary.Issues.Total);

        var row = _data.Accounts.Select((a, index) => (a.Id, index)).ToDictionary(p => p.Id, p => p.index);
        var childFirst = _data.Accounts.Count(a => a.Parent.Length > 0 && row[a.Parent] > row[a.Id]);
        Assert.InRange(childFirst, 20_000, 150_000);
    }

    [Fact]
    public void Names_read_like_companies()
    {
        Assert.Contains(_data.Accounts, a => a.Name.StartsWith("Umbrella ", StringComparison.Ordinal));
        Assert.Contains(_data.Accounts, a => a.Name.Contains(", ", StringComparison.Ordinal));
        Assert.Contains(_data.Accounts, a => a.Name.Contains('"', StringComparison.Ordinal));
        Assert.All(_data.Accounts, a => Assert.Matches("^[A-Z][A-Za-z'\" ,.&()-]+$", a.Name));
    }
}
