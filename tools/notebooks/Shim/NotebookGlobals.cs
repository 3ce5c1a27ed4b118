using Workbook.Reporting;

namespace Workbook.Notebooks.Shim;

/// <summary>
/// The globals of every C# cell run by the workbook runner: the same names Polyglot Notebooks gives a C# cell
/// through <c>using static Microsoft.DotNet.Interactive.Kernel</c>.
/// </summary>
public class NotebookGlobals
{
    // Lower-case on purpose: notebooks call display(...) and HTML(...) exactly as in Polyglot Notebooks.
#pragma warning disable IDE1006
    public DisplayedValue display(object? value, params string[] mimeTypes) => DisplayHost.Current.Display(value, mimeTypes);
#pragma warning restore IDE1006

    public HtmlFragment HTML(string content) => new(content);
}
