namespace Workbook.Arr;

/// <summary>
/// Company names in the style of the challenge's data ("Umbrella Europe", "Good Burger South Korea",
/// "Acme Canada Studios"): a brand with a legal suffix at the top, the brand plus a country or a line of
/// business below it, and now and then an acquired brand inside a hierarchy ("Paraguas Line Company" under Umbrella).
/// A few carry commas or quotes, so every consumer has to read real CSV.
/// </summary>
internal static class CompanyNames
{
    private static readonly string[] Brands =
    [
        "Umbrella", "Acme", "Wayne", "Cyberdyne", "Krusty Krab", "Wonka", "Good Burger", "Monsters", "Pym", "Los Pollos Hermanos",
        "STAR", "Globex", "Initech", "Hooli", "Stark", "Tyrell", "Soylent", "Oscorp", "Vandelay", "Gringotts",
        "Dunder Mifflin", "Massive Dynamic", "Aperture", "Black Mesa", "Virtucon", "Nakatomi", "Weyland-Yutani", "Sirius Cybernetics",
        "Prestige Worldwide", "Bluth", "Sterling Cooper", "Paper Street", "Duff", "Buy n Large", "Blue Sun", "InGen", "Rekall",
        "Spacely Sprockets", "Cogswell Cogs", "Tricell", "Abstergo", "Planet Express", "Paraguas", "Ollivanders", "Bob's \"Famous\"",
    ];

    private static readonly string[] RootSuffixes =
    [
        "Corporation", "Inc.", "LTD", "Holdings", "Group", "Technologies", "Enterprises", "University", "Industries",
        "Holdings, Inc.", "Partners, LLC", "International", "Global",
    ];

    private static readonly string[] Countries =
    [
        "USA", "Europe", "Japan", "Germany", "South Korea", "Canada", "Asia", "Brazil", "France", "India", "Mexico",
        "UK", "Australia", "Nordics", "Middle East", "Italy", "Spain", "China", "Singapore", "South Africa",
    ];

    private static readonly string[] Lines =
    [
        "Medical", "Pharmaceuticals", "Industries", "Studios", "Electromotive", "Production", "Hospital", "Logistics",
        "Labs", "Finance", "Retail", "Energy", "Foods", "Media", "Robotics", "Security", "Consulting", "Line Company",
    ];

    public static string Brand(Random random) => Pick(random, Brands);

    public static string Root(Random random, string brand) => $"{brand} {Pick(random, RootSuffixes)}";

    public static string Child(Random random, string brand)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.08 => $"{Pick(random, Brands)} {Pick(random, Lines)}",
            < 0.53 => $"{brand} {Pick(random, Countries)}",
            < 0.85 => $"{brand} {Pick(random, Lines)}",
            _ => $"{brand} {Pick(random, Countries)} {Pick(random, Lines)}",
        };
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
