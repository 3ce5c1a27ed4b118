using System.Text;

namespace Workbook.Metronome;

/// <summary>Builds a path with an escaped query string; null values are left out, lists are comma-joined as the SDKs send them.</summary>
internal sealed class PathBuilder(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _hasQuery;

    public static string Segment(string value) => Uri.EscapeDataString(value);

    public PathBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _text.Append(_hasQuery ? '&' : '?').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    public PathBuilder Add(string name, int? value) => Add(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public PathBuilder Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public PathBuilder Add(string name, DateTimeOffset? value) => Add(name, value is null ? null : MetronomeJson.FormatTimestamp(value.Value));

    public PathBuilder Add(string name, IReadOnlyList<string>? values) => Add(name, values is null || values.Count == 0 ? null : string.Join(',', values));

    public override string ToString() => _text.ToString();
}
