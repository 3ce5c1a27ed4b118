using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace Workbook.Notebooks.Running;

/// <summary>
/// Turns the engine's events for one cell into the outputs VS Code stores: every displayed or returned value as
/// display_data (an update replaces the output it updates, as the "Installed Packages" message replaces its progress),
/// consecutive console writes merged into one stream output, a failure as an error output.
/// </summary>
internal sealed class CellOutputs
{
    private readonly List<InteractiveDocumentOutputElement> _outputs = [];
    private readonly Dictionary<string, int> _byValueId = new(StringComparer.Ordinal);

    public string? FirstError { get; private set; }

    public IReadOnlyList<InteractiveDocumentOutputElement> Outputs => _outputs;

    public void Add(KernelEvent kernelEvent)
    {
        switch (kernelEvent)
        {
            case DisplayedValueUpdated updated when updated.ValueId is { } id && _byValueId.TryGetValue(id, out var index):
                _outputs[index] = Display(updated);
                break;
            case StandardOutputValueProduced stdout:
                Stream("stdout", stdout);
                break;
            case StandardErrorValueProduced stderr:
                Stream("stderr", stderr);
                break;
            case ErrorProduced error:
                Error(error.Message);
                break;
            case DisplayEvent display:
                if (display.ValueId is { } valueId)
                {
                    _byValueId[valueId] = _outputs.Count;
                }

                _outputs.Add(Display(display));
                break;
            case CommandFailed failed:
                Error(failed.Message);
                break;
        }
    }

    /// <summary>An error the host itself records (a cell past its timeout).</summary>
    public void Error(string message)
    {
        if (_outputs.OfType<ErrorElement>().Any(e => e.ErrorValue == message))
        {
            return;
        }

        FirstError ??= message.Split('\n')[0];
        _outputs.Add(new ErrorElement(errorValue: message, errorName: "Error", stackTrace: []));
    }

    private static DisplayElement Display(DisplayEvent display) =>
        new(display.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value, StringComparer.Ordinal));

    private void Stream(string name, DisplayEvent display)
    {
        var text = string.Concat(display.FormattedValues.Where(v => v.MimeType == "text/plain").Select(v => v.Value));
        if (_outputs is [.., TextElement last] && last.Name == name)
        {
            _outputs[^1] = new TextElement(last.Text + text, name);
        }
        else
        {
            _outputs.Add(new TextElement(text, name));
        }
    }
}
