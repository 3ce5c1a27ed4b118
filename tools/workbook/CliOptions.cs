using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Workbook.Cli;

/// <summary>The option rules several commands share, so each is written, worded and tested once.</summary>
internal static class CliOptions
{
    /// <summary>Adds a range check to a numeric option: "--name must be between min and max, got v" (or "at least min").</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T? max = null, string? why = null)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number: the parser reports that, naming the option
            }

            if (value < min || (max is { } upper && value > upper))
            {
                var range = max is { } top
                    ? string.Create(CultureInfo.InvariantCulture, $"between {min} and {top}")
                    : string.Create(CultureInfo.InvariantCulture, $"at least {min}");
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {range}{(why is null ? "" : $" ({why})")}, got {value}"));
            }
        });
        return option;
    }

    /// <summary>Makes a folder option's value name an existing folder (a mistyped --data is bad usage, not bad data).</summary>
    public static Option<string?> ExistingFolder(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var path && !Directory.Exists(path))
            {
                result.AddError(File.Exists(path) ? $"{option.Name} {path} is a file: expected a folder" : $"{option.Name} {path}: no such folder");
            }
        });
        return option;
    }

    /// <summary>A calendar-date option written yyyy-MM-dd (invariant, nothing else accepted).</summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM-dd",
        CustomParser = result => ParseDate(name, result),
    };

    /// <summary>A calendar-month option written yyyy-MM (invariant, nothing else accepted), as the month's first day.</summary>
    public static Option<DateOnly> Month(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-MM",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                return month;
            }

            result.AddError($"{name} '{text}' is not a month: expected yyyy-MM, e.g. 2024-06");
            return default;
        },
    };

    private static DateOnly? ParseDate(string name, ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"{name} '{text}' is not a date: expected yyyy-MM-dd, e.g. 2024-06-30");
        return null;
    }
}
