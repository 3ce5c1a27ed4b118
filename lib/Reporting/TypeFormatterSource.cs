namespace Workbook.Reporting;

// Rich display in both notebook hosts, without a package reference.
//
// .NET Interactive (the engine of Polyglot Notebooks in VS Code) finds formatters *by convention*: when it first
// formats a type, it looks for an attribute on the type whose class is named "TypeFormatterSourceAttribute" (any
// namespace, any assembly), reads its FormatterSourceType and PreferredMimeTypes properties, creates the source,
// calls its public CreateTypeFormatters(), and uses every returned object that has a public string MimeType and a
// public bool Format(object, TextWriter). (Formatter.TryRegisterFromConventionBasedFormatterSources in
// dotnet/interactive.) VS Code, Jupyter and `workbook notebooks run` all run that engine, so a Table or a Chart
// renders the same in each, and the library needs no reference to the engine.

/// <summary>Matched by name by .NET Interactive; never referenced from notebooks.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a plain display(x) produces, each as one entry of the same output.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}

/// <summary>Something that renders itself to one or more MIME types.</summary>
internal interface IRendersAs
{
    /// <summary>The rendering in <paramref name="mimeType"/>, or null when the type has none.</summary>
    string? Render(string mimeType);
}

/// <summary>The formatter source named by the workbook's report types: one formatter per MIME type.</summary>
internal sealed class ReportFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ReportFormatter(MimeTypes.Html),
        new ReportFormatter(MimeTypes.PlainText),
        new ReportFormatter(MimeTypes.Svg),
        new ReportFormatter(MimeTypes.Csv),
    ];
}

/// <summary>A convention-based formatter: public MimeType and Format(object, TextWriter), as .NET Interactive expects.</summary>
internal sealed class ReportFormatter(string mimeType)
{
    public string MimeType { get; } = mimeType;

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not IRendersAs renders || renders.Render(MimeType) is not { } text)
        {
            return false;
        }

        writer.Write(text);
        return true;
    }
}
