using Workbook.Notebooks.Shim;

// Namespace System, as in .NET Interactive, so cells need no using directive.
namespace System;

/// <summary>Polyglot's <c>x.Display()</c> and <c>"...".DisplayAs(mime)</c> for cells run by the workbook runner.</summary>
public static class DisplayExtensions
{
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => DisplayHost.Current.Display(value, mimeTypes);

    /// <summary>Shows a string that is already in <paramref name="mimeType"/> (SVG, HTML, Markdown...).</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType) => DisplayHost.Current.DisplayRaw(mimeType, value);
}
