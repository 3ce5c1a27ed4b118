using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// The three challenge tables, loaded and linked: accounts with their hierarchy, subscriptions, items, and every
/// issue found on the way. Each file is read once. Independent of the as-of date, so one load serves many
/// <see cref="ArrRollup.Compute"/> calls (e.g. a month-end series).
/// </summary>
public sealed class ArrInputs
{
    public const string AccountsFile = "accounts.csv";
    public const string SubscriptionsFile = "subscriptions.csv";
    public const string ItemsFile = "subscription_items.csv";

    private ArrInputs(AccountTable accounts, SubscriptionTable subscriptions, ItemTable items, ArrIssueLog issues)
    {
        Accounts = accounts;
        Subscriptions = subscriptions;
        Items = items;
        Issues = issues;
        Hierarchy = AccountHierarchy.Build(accounts, issues);
    }

    public AccountTable Accounts { get; }

    public SubscriptionTable Subscriptions { get; }

    public ItemTable Items { get; }

    public AccountHierarchy Hierarchy { get; }

    public ArrIssueLog Issues { get; }

    /// <summary>
    /// Loads the three CSV files. Bad rows in subscriptions or items stop the load with an error naming file, line
    /// and column, unless <paramref name="lenient"/>, which skips and reports them. <paramref name="progress"/>
    /// receives the fraction of input bytes read (0..1).
    /// </summary>
    public static ArrInputs Load(string accounts, string subscriptions, string items, bool lenient = false, IProgress<double>? progress = null)
    {
        var sizes = new[] { accounts, subscriptions, items }.Select(path => File.Exists(path) ? new FileInfo(path).Length : 0).ToArray();
        var total = Math.Max(1, sizes.Sum());
        IProgress<long>? Within(long before) =>
            progress is null ? null : new InlineProgress(position => progress.Report((double)(before + position) / total));

        var issues = new ArrIssueLog();
        AccountTable accountTable;
        using (var reader = CsvReader.Open(accounts))
        {
            accountTable = AccountTable.Read(reader, issues, sizes[0], Within(0));
        }

        progress?.Report((double)sizes[0] / total);
        SubscriptionTable subscriptionTable;
        using (var reader = CsvReader.Open(subscriptions))
        {
            subscriptionTable = SubscriptionTable.Read(reader, accountTable, issues, lenient);
        }

        ItemTable itemTable;
        using (var reader = CsvReader.Open(items))
        {
            itemTable = ItemTable.Read(reader, subscriptionTable, issues, lenient);
        }

        progress?.Report(1);
        return new ArrInputs(accountTable, subscriptionTable, itemTable, issues);
    }

    /// <summary>Reads the three tables from text (tests, notebooks); the names appear in messages.</summary>
    public static ArrInputs Read(TextReader accounts, TextReader subscriptions, TextReader items, bool lenient = false,
        string accountsName = AccountsFile, string subscriptionsName = SubscriptionsFile, string itemsName = ItemsFile)
    {
        var issues = new ArrIssueLog();
        using var accountReader = new CsvReader(accounts, accountsName);
        var accountTable = AccountTable.Read(accountReader, issues, sizeHint: 0);
        using var subscriptionReader = new CsvReader(subscriptions, subscriptionsName);
        var subscriptionTable = SubscriptionTable.Read(subscriptionReader, accountTable, issues, lenient);
        using var itemReader = new CsvReader(items, itemsName);
        var itemTable = ItemTable.Read(itemReader, subscriptionTable, issues, lenient);
        return new ArrInputs(accountTable, subscriptionTable, itemTable, issues);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
