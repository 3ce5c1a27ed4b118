namespace Workbook.Notebooks.Shim;

/// <summary>Where the display helpers send values: the runner installs one sink per running cell.</summary>
public interface IDisplaySink
{
    /// <summary>Shows a value with the formatters (its preferred MIME types, or the ones given).</summary>
    DisplayedValue Display(object? value, IReadOnlyList<string> mimeTypes);

    /// <summary>Shows text that is already in the given MIME type.</summary>
    DisplayedValue DisplayRaw(string mimeType, string content);

    /// <summary>Replaces an earlier output of the same cell in place.</summary>
    void Update(DisplayedValue displayed, object? value);
}

/// <summary>
/// The sink of the cell running on this logical thread (an AsyncLocal, so tasks and threads a cell starts report to
/// it, and two notebooks run in parallel by tests do not mix their outputs).
/// </summary>
public static class DisplayHost
{
    private static readonly AsyncLocal<IDisplaySink?> CurrentSink = new();

    public static IDisplaySink Current =>
        CurrentSink.Value ?? throw new InvalidOperationException("display(...) works only inside a notebook cell run by the workbook runner");

    /// <summary>Routes displays on this logical thread to <paramref name="sink"/> (null stops routing).</summary>
    public static void Use(IDisplaySink? sink) => CurrentSink.Value = sink;
}

/// <summary>An output already shown; <see cref="Update"/> replaces it, like Polyglot's DisplayedValue.</summary>
public sealed class DisplayedValue(IDisplaySink sink, int outputIndex, IReadOnlyList<string> mimeTypes)
{
    /// <summary>Position of the output among the cell's outputs.</summary>
    public int OutputIndex { get; } = outputIndex;

    public IReadOnlyList<string> MimeTypes { get; } = mimeTypes;

    public void Update(object? updatedValue) => sink.Update(this, updatedValue);
}
