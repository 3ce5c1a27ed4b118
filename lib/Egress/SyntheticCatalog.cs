using Workbook.Core;

namespace Workbook.Egress;

/// <summary>A product of the simulated Metronome account.</summary>
internal sealed record SyntheticProduct(string Id, string Name, string SeedKey);

/// <summary>
/// A billable metric of the simulated account, with what the generator knows and the export does not hold: the
/// event type and property it sums and the group value it filters on (the loader reconstructs this from the
/// metric's name; the tests check the reconstruction against these generated facts).
/// </summary>
internal sealed record SyntheticMetric(int Index, string Id, string Name, SyntheticProduct Product, string AggregateKey, bool GroupedByCluster, decimal[] Prices);

/// <summary>A plan and its charges with prices (the export only shows the prices through billed sub-lines).</summary>
internal sealed record SyntheticPlan(string Id, string Name, string SeedKey, IReadOnlyList<ChargePrice> Charges, IReadOnlyList<string> PlanChargeRowIds);

/// <summary>
/// The simulated Metronome configuration the generator bills with, shaped like the exercise's: five products,
/// 31 metrics named "&lt;family&gt; (&lt;value&gt;)", and two plans, each charge with a unit price in USD cents.
/// </summary>
internal sealed class SyntheticCatalog
{
    public static readonly string[] InstanceTypes =
    [
        "c5.2xlarge", "c5.4xlarge", "c5.8xlarge", "c5.9xlarge", "c5.12xlarge", "m5.xlarge", "m5.2xlarge", "m5.4xlarge",
        "m5.8xlarge", "m5.12xlarge", "m5.16xlarge", "r5.xlarge", "r5.2xlarge", "r5.4xlarge", "r5.8xlarge", "r5.12xlarge",
    ];

    public static readonly string[] Regions = ["ca-central-1", "us-east-1", "us-east-2", "us-west-2"];

    public static readonly string[] ImageSizes = ["256x256", "512x512", "1024x1024"];

    public static readonly string[] Models = ["langModel1", "langModel2", "langModel3", "langModel4"];

    // Unit prices in cents per family, in the exercise's ranges (0.1 ¢ per storage GB-hour up to 45 ¢ per image).
    private static readonly decimal[] CpuPrices = [1m, 1.1m, 1.2m, 1.4m, 1.7m, 1.8m, 1.9m, 2.2m, 3.1m, 3.5m, 7m, 16m, 22m, 25m];
    private static readonly decimal[] StoragePrices = [0.1m, 0.11m, 0.13m, 0.15m];
    private static readonly decimal[] ImagePrices = [15m, 28m, 45m];
    private static readonly decimal[] WordPrices = [0.13m, 0.15m, 0.23m, 0.25m, 0.93m, 0.95m, 1.5m, 2m, 2.3m];

    private readonly Dictionary<string, SyntheticMetric> _metricsByName = new(StringComparer.Ordinal);

    private SyntheticCatalog(Random random)
    {
        var cpu = new SyntheticProduct(NewGuid(random), "CPU Hours", "cpu-hours");
        var storage = new SyntheticProduct(NewGuid(random), "Storage", "storage");
        var images = new SyntheticProduct(NewGuid(random), "Images modeled", "images-modeled");
        var language = new SyntheticProduct(NewGuid(random), "Language models", "language-models");
        var fineTuning = new SyntheticProduct(NewGuid(random), "Fine tuning", "fine-tuning");
        Products = [storage, images, cpu, fineTuning, language];

        var metrics = new List<SyntheticMetric>();
        void AddFamily(string family, IEnumerable<string> values, SyntheticProduct product, string aggregateKey, bool byCluster, decimal[] prices)
        {
            foreach (var value in values)
            {
                var metric = new SyntheticMetric(metrics.Count, NewGuid(random), $"{family} ({value})", product, aggregateKey, byCluster, prices);
                metrics.Add(metric);
                _metricsByName.Add(metric.Name, metric);
            }
        }

        AddFamily("CPU hours", InstanceTypes, cpu, "cpu_hours", byCluster: true, CpuPrices);
        AddFamily("Storage GB-Hours", Regions, storage, "storage_gb-hours", byCluster: true, StoragePrices);
        AddFamily("Images", ImageSizes, images, "num_images", byCluster: false, ImagePrices);
        AddFamily("Language Model", Models, language, "words", byCluster: false, WordPrices);
        AddFamily("Fine Tuning", Models, fineTuning, "words", byCluster: false, WordPrices);
        Metrics = metrics;

        InfraPlan = NewPlan(random, "Infra SaaS Paygo", "infra-saas-paygo", metrics.Where(m => m.Product == cpu || m.Product == storage));
        FreePlan = NewPlan(random, "Free Plan", "free", metrics.Where(m => m.Product == images || m.Product == language || m.Product == fineTuning));
    }

    public IReadOnlyList<SyntheticProduct> Products { get; }

    public IReadOnlyList<SyntheticMetric> Metrics { get; }

    public SyntheticPlan InfraPlan { get; }

    public SyntheticPlan FreePlan { get; }

    public IReadOnlyList<SyntheticPlan> Plans => [FreePlan, InfraPlan];

    public static SyntheticCatalog Create(Random random) => new(random);

    public SyntheticMetric Metric(string name) => _metricsByName[name];

    /// <summary>A metric by name, or null for a value no metric prices (e.g. an unpriced image size).</summary>
    public SyntheticMetric? TryMetric(string name) => _metricsByName.GetValueOrDefault(name);

    /// <summary>A random UUID (version 4 layout) drawn from the seeded generator, so ids repeat with the seed.</summary>
    public static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private static SyntheticPlan NewPlan(Random random, string name, string seedKey, IEnumerable<SyntheticMetric> metrics)
    {
        var id = NewGuid(random);
        var charges = new List<ChargePrice>();
        var rowIds = new List<string>();
        foreach (var metric in metrics)
        {
            rowIds.Add(NewGuid(random));
            charges.Add(new ChargePrice(id, NewGuid(random), metric.Name, metric.Product.Id, metric.Product.Name, metric.Id, metric.Name,
                CreditType.UsdCents, metric.Prices[random.Next(metric.Prices.Length)]));
        }

        return new SyntheticPlan(id, name, seedKey, charges, rowIds);
    }
}
