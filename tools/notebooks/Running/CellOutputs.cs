using System.Text;
using System.Text.Json.Nodes;
using Workbook.Notebooks.Model;
using Workbook.Notebooks.Shim;
using Workbook.Reporting;

namespace Workbook.Notebooks.Running;

/// <summary>
/// The outputs of one running cell, in the order they happen: console text (consecutive writes to the same stream
/// make one stream output, as in VS Code), displays and errors. Thread-safe, because a cell may write from tasks
/// it starts; writes after <see cref="Close"/> (from a cell abandoned at its timeout) are dropped.
/// </summary>
internal sealed class CellOutputs
{
    private readonly object _gate = new();
    private readonly List<object> _items = []; // JsonObject, or a StreamText still being written
    private bool _closed;

    public bool HasError { get; private set; }

    /// <summary>The first line of the first error, for the run's summary.</summary>
    public string? FirstError { get; private set; }

    public void Write(string stream, string text)
    {
        lock (_gate)
        {
            if (_closed || text.Length == 0)
            {
                return;
            }

            if (_items.Count > 0 && _items[^1] is StreamText last && last.Name == stream)
            {
                last.Text.Append(text);
            }
            else
            {
                _items.Add(new StreamText(stream, new StringBuilder(text)));
            }
        }
    }

    /// <summary>Adds a display_data output; returns its position, for later updates.</summary>
    public int Display(IReadOnlyList<FormattedValue> values)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return -1;
            }

            _items.Add(DisplayData(values));
            return _items.Count - 1;
        }
    }

    public void Replace(int index, IReadOnlyList<FormattedValue> values)
    {
        lock (_gate)
        {
            if (!_closed && index >= 0 && index < _items.Count)
            {
                _items[index] = DisplayData(values);
            }
        }
    }

    /// <summary>An error output as Polyglot writes it: ename "Error", the message as evalue, and the same text as traceback lines.</summary>
    public void Error(string message)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            HasError = true;
            FirstError ??= message.Split('\n')[0];
            _items.Add(new JsonObject
            {
                ["ename"] = "Error",
                ["evalue"] = message,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(message.Split('\n').Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
            });
        }
    }

    public JsonArray Close()
    {
        lock (_gate)
        {
            _closed = true;
            var outputs = new JsonArray();
            foreach (var item in _items)
            {
                outputs.Add(item switch
                {
                    StreamText stream => new JsonObject
                    {
                        ["name"] = stream.Name,
                        ["output_type"] = "stream",
                        ["text"] = NotebookJson.Lines(stream.Text.ToString()),
                    },
                    JsonObject output => output,
                    _ => throw new InvalidOperationException("unknown output"),
                });
            }

            return outputs;
        }
    }

    private static JsonObject DisplayData(IReadOnlyList<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values)
        {
            data[value.MimeType] = IsJson(value.MimeType) ? ParseJsonOrText(value.Text) : NotebookJson.Lines(value.Text);
        }

        return new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
    }

    // nbformat stores application/json and +json types as JSON values, not strings.
    private static bool IsJson(string mimeType) => mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? ParseJsonOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private sealed record StreamText(string Name, StringBuilder Text);
}

/// <summary>What display(...), x.Display() and DisplayAs(...) report to while a cell runs.</summary>
internal sealed class CellDisplaySink(CellOutputs outputs) : IDisplaySink
{
    public DisplayedValue Display(object? value, IReadOnlyList<string> mimeTypes) =>
        new(this, outputs.Display(Formatters.Format(value, [.. mimeTypes])), mimeTypes);

    public DisplayedValue DisplayRaw(string mimeType, string content) =>
        new(this, outputs.Display([new FormattedValue(mimeType, content)]), [mimeType]);

    public void Update(DisplayedValue displayed, object? value) =>
        outputs.Replace(displayed.OutputIndex, Formatters.Format(value, [.. displayed.MimeTypes]));
}
