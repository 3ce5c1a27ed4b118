using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Workbook.Reporting;

/// <summary>One rendering of a value: a MIME type and its text (a notebook output holds one or more).</summary>
public sealed record FormattedValue(string MimeType, string Text);

/// <summary>
/// Turns any value a notebook displays into formatted values, the way the notebook runner shows them:
/// <list type="bullet">
/// <item>types carrying a convention-based <c>TypeFormatterSourceAttribute</c> (our <see cref="Table"/>,
/// <see cref="Charts.Chart"/>, <see cref="HtmlFragment"/>, or any other type following .NET Interactive's convention)
/// use their own formatters and preferred MIME types;</item>
/// <item>strings and scalars are text/plain (invariant culture);</item>
/// <item>a sequence becomes a <see cref="Table"/> of its items, any other object a property/value table.</item>
/// </list>
/// Asking for explicit MIME types renders those only; a string is then taken as already in that format
/// (Polyglot's <c>"&lt;svg…&gt;".DisplayAs("image/svg+xml")</c>).
/// </summary>
public static class Formatters
{
    private const string NullText = "<null>";

    private static readonly ConcurrentDictionary<Type, ConventionFormatters?> ConventionCache = new();

    public static IReadOnlyList<FormattedValue> Format(object? value, params string[] mimeTypes)
    {
        var wanted = mimeTypes is { Length: > 0 } ? mimeTypes : PreferredMimeTypes(value);
        return wanted.Select(mime => new FormattedValue(mime, FormatAs(value, mime))).ToList();
    }

    public static IReadOnlyList<string> PreferredMimeTypes(object? value) => value switch
    {
        null or string => [MimeTypes.PlainText],
        _ when ConventionFor(value.GetType()) is { } convention => convention.PreferredMimeTypes,
        _ when Table.IsScalar(value.GetType()) => [MimeTypes.PlainText],
        _ => [MimeTypes.Html, MimeTypes.PlainText],
    };

    /// <summary>Renders a value as one MIME type; throws when the value has no rendering in that type.</summary>
    public static string FormatAs(object? value, string mimeType)
    {
        if (value is not null && ConventionFor(value.GetType()) is { } convention && convention.TryFormat(value, mimeType) is { } text)
        {
            return text;
        }

        return (value, mimeType) switch
        {
            (string s, _) => s,
            (null, MimeTypes.PlainText) => NullText,
            (null, MimeTypes.Html) => Escape.Html(NullText),
            (_, MimeTypes.PlainText or MimeTypes.Html) when Table.IsScalar(value.GetType()) => ScalarAs(value, mimeType),
            (IEnumerable sequence, MimeTypes.PlainText) => Table.FromSequence(sequence).ToPlainText(),
            (IEnumerable sequence, MimeTypes.Html) => Table.FromSequence(sequence).ToHtml(),
            (not null, MimeTypes.PlainText) => Table.FromProperties(value).ToPlainText(),
            (not null, MimeTypes.Html) => Table.FromProperties(value).ToHtml(),
            _ => throw new InvalidOperationException(
                $"no formatter renders {value?.GetType().Name ?? "null"} as {mimeType} (display it as text/html or text/plain, or pass a string already in {mimeType})"),
        };
    }

    private static string ScalarAs(object value, string mimeType)
    {
        var text = ValueText.Display(value).Text;
        return mimeType == MimeTypes.Html ? Escape.Html(text) : text;
    }

    private static ConventionFormatters? ConventionFor(Type type) => ConventionCache.GetOrAdd(type, ConventionFormatters.Find);

    /// <summary>The convention-based formatters declared on a type, found exactly as .NET Interactive finds them (by name).</summary>
    private sealed class ConventionFormatters
    {
        private readonly List<(string MimeType, Func<object, TextWriter, bool> Format)> _formatters;

        private ConventionFormatters(List<(string, Func<object, TextWriter, bool>)> formatters, IReadOnlyList<string> preferred)
        {
            _formatters = formatters;
            PreferredMimeTypes = preferred;
        }

        public IReadOnlyList<string> PreferredMimeTypes { get; }

        public string? TryFormat(object value, string mimeType)
        {
            foreach (var (mime, format) in _formatters)
            {
                using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                if (mime == mimeType && format(value, writer))
                {
                    return writer.ToString();
                }
            }

            return null;
        }

        public static ConventionFormatters? Find(Type type)
        {
            var formatters = new List<(string, Func<object, TextWriter, bool>)>();
            IReadOnlyList<string>? preferred = null;
            foreach (var attribute in type.GetCustomAttributes(inherit: true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            {
                if (Property(attribute, "FormatterSourceType") is not Type sourceType
                    || Activator.CreateInstance(sourceType) is not { } source
                    || source.GetType().GetMethod("CreateTypeFormatters", Type.EmptyTypes)?.Invoke(source, null) is not IEnumerable created)
                {
                    continue;
                }

                foreach (var formatter in created)
                {
                    var format = formatter?.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)]);
                    if (Property(formatter, "MimeType") is string mime && format?.ReturnType == typeof(bool))
                    {
                        formatters.Add((mime, (value, writer) => (bool)format.Invoke(formatter, BindingFlags.DoNotWrapExceptions, null, [value, writer], null)!));
                    }
                }

                preferred ??= Property(attribute, "PreferredMimeTypes") as string[];
            }

            return formatters.Count == 0 ? null : new ConventionFormatters(formatters, preferred ?? [MimeTypes.Html]);
        }

        private static object? Property(object? target, string name) =>
            target?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(target);
    }
}
