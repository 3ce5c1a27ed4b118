namespace Workbook.Reporting;

/// <summary>The MIME types the workbook's reports render to (notebook outputs and the HTML walkthrough).</summary>
public static class MimeTypes
{
    public const string Html = "text/html";
    public const string PlainText = "text/plain";
    public const string Svg = "image/svg+xml";
    public const string Csv = "text/csv";
    public const string Markdown = "text/markdown";
}
