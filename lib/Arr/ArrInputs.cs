using Workbook.Core;

namespace Workbook.Arr;

/// <summary>
/// The three challenge tables, loaded and linked: accounts with their hierarchy, subscriptions, items, and every
/// issue found on the way. Each file is read once. Independent of the as-of date, so one load serves many
/// <see cref="ArrRollup.Compute"/> calls (e.g. a month-end series).
/// </summary>
/// <remarks>
/// The methods that loop over every row once (the loaders, the index builds, the links, the hierarchy, the rollup)
/// are compiled fully optimized at their first call (<c>AggressiveOptimization</c>). Otherwise the JIT build runs
/// such a loop unoptimized until on-stack replacement, and the precompiled (ReadyToRun) build runs it as
/// precompiled code that is never recompiled for this processor.
/// </remarks>
public sealed class ArrInputs
{
    public const string AccountsFile = "accounts.csv";
    public const string SubscriptionsFile = "subscriptions.csv";
    public const string ItemsFile = "subscription_items.csv";

    private ArrInputs(AccountTable accounts, AccountHierarchy hierarchy, SubscriptionTable subscriptions, ItemTable items, ArrIssueLog issues)
    {
        Accounts = accounts;
        Hierarchy = hierarchy;
        Subscriptions = subscriptions;
        Items = items;
        Issues = issues;
    }

    public AccountTable Accounts { get; }

    public SubscriptionTable Subscriptions { get; }

    public ItemTable Items { get; }

    public AccountHierarchy Hierarchy { get; }

    public ArrIssueLog Issues { get; }

    /// <summary>
    /// Loads the three CSV files. Bad rows in subscriptions or items stop the load with an error naming file, line
    /// and column, unless <paramref name="lenient"/>, which skips and reports them. <paramref name="progress"/>
    /// receives the fraction of the accounts file read (0..1), the bulk of the input. <paramref name="cancellationToken"/>
    /// is checked every few thousand rows of each file (an <see cref="OperationCanceledException"/>).
    /// </summary>
    public static ArrInputs Load(string accounts, string subscriptions, string items, bool lenient = false, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var size = File.Exists(accounts) ? new FileInfo(accounts).Length : 0;
        var bytesRead = progress is null ? null : new InlineProgress(position => progress.Report((double)position / Math.Max(1, size)));
        // Under --lenient a line whose quotes do not pair up costs that line, not the lines a runaway field would swallow.
        var inputs = Build(() => CsvReader.Open(accounts, cancellationToken: cancellationToken), () => CsvReader.Open(subscriptions, lenient, cancellationToken),
            () => CsvReader.Open(items, lenient, cancellationToken), lenient, bytesRead);
        progress?.Report(1);
        return inputs;
    }

    /// <summary>Loads accounts.csv, subscriptions.csv and subscription_items.csv from one folder (e.g. arr-data/).</summary>
    public static ArrInputs LoadFolder(string folder, bool lenient = false) =>
        Load(Path.Combine(folder, AccountsFile), Path.Combine(folder, SubscriptionsFile), Path.Combine(folder, ItemsFile), lenient);

    /// <summary>Reads the three tables from text (tests, notebooks); the names appear in messages.</summary>
    public static ArrInputs Read(TextReader accounts, TextReader subscriptions, TextReader items, bool lenient = false,
        string accountsName = AccountsFile, string subscriptionsName = SubscriptionsFile, string itemsName = ItemsFile) =>
        Build(() => new CsvReader(accounts, accountsName), () => new CsvReader(subscriptions, subscriptionsName, lenient), () => new CsvReader(items, itemsName, lenient), lenient, null);

    /// <summary>
    /// Reads accounts, and builds their hierarchy, on this thread while another reads subscriptions then items (they
    /// need each other, not the accounts); then links subscriptions to accounts. Errors come out as a sequential read
    /// would report them: the accounts file's first. Each thread logs its own issues; the logs are joined in the
    /// sequential order (hierarchy, then subscriptions and items), so the summary is the same whichever ends first.
    /// </summary>
    private static ArrInputs Build(Func<CsvReader> openAccounts, Func<CsvReader> openSubscriptions, Func<CsvReader> openItems, bool lenient, IProgress<long>? accountBytes)
    {
        var issues = new ArrIssueLog(); // the hierarchy's, then (joined) the worker's
        var workerIssues = new ArrIssueLog();
        var worker = Task.Run(() =>
        {
            SubscriptionTable subscriptions;
            using (var reader = openSubscriptions())
            {
                subscriptions = SubscriptionTable.Read(reader, workerIssues, lenient);
            }

            using (var reader = openItems())
            {
                return (subscriptions, ItemTable.Read(reader, subscriptions, workerIssues, lenient));
            }
        });

        AccountTable accounts;
        AccountHierarchy hierarchy;
        try
        {
            using (var reader = openAccounts())
            {
                accounts = AccountTable.Read(reader, accountBytes);
            }

            hierarchy = AccountHierarchy.Build(accounts, issues);
        }
        catch
        {
            // Let the worker finish (its files closed) before reporting; its own error, if any, comes second.
            ((IAsyncResult)worker).AsyncWaitHandle.WaitOne();
            throw;
        }

        var (subscriptionTable, itemTable) = worker.GetAwaiter().GetResult();
        issues.Add(workerIssues);
        subscriptionTable.LinkAccounts(accounts, issues);
        return new ArrInputs(accounts, hierarchy, subscriptionTable, itemTable, issues);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
