using System.Collections;
using System.Reflection;
using Workbook.Reporting;
using Workbook.Reporting.Charts;

namespace Workbook.Tests.Reporting;

public class FormattersTests
{
    private sealed record Row(string Name, decimal TotalUsd);

    private static readonly Row[] Rows = [new("a", 1500m), new("b", 2.5m)];

    [Fact]
    public void A_table_shows_as_html_with_plain_text_beside_it()
    {
        var formatted = Formatters.Format(Rows.ToTable());

        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], formatted.Select(f => f.MimeType));
        Assert.Equal(Rows.ToTable().ToHtml(), formatted[0].Text);
        Assert.Contains("$1,500.00", formatted[1].Text);
    }

    [Fact]
    public void A_chart_shows_as_svg_the_same_svg_as_an_html_image_and_its_data_as_plain_text()
    {
        var chart = Chart.Bar("Totals & more", Rows, r => r.Name, r => r.TotalUsd);

        var formatted = Formatters.Format(chart);

        Assert.Equal([MimeTypes.Svg, MimeTypes.Html, MimeTypes.PlainText], formatted.Select(f => f.MimeType));
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", formatted[0].Text);
        var image = System.Text.RegularExpressions.Regex.Match(formatted[1].Text, "^<img alt=\"Totals &amp; more\" src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\">$");
        Assert.True(image.Success, formatted[1].Text);
        Assert.Equal(formatted[0].Text, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(image.Groups[1].Value)));
        Assert.StartsWith("Totals & more\n", formatted[2].Text);
    }

    [Fact]
    public void A_bare_sequence_of_records_becomes_a_table_and_a_record_a_property_table()
    {
        Assert.Equal(Rows.ToTable().ToHtml(), Formatters.FormatAs(Rows, MimeTypes.Html));
        Assert.Equal(Table.FromProperties(Rows[0]).ToPlainText(), Formatters.FormatAs(Rows[0], MimeTypes.PlainText));
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], Formatters.PreferredMimeTypes(Rows));
    }

    [Fact]
    public void Strings_and_scalars_are_plain_invariant_text()
    {
        Assert.Equal([new FormattedValue(MimeTypes.PlainText, "hello")], Formatters.Format("hello"));
        Assert.Equal("8101.27205", Assert.Single(Formatters.Format(8101.27205m)).Text);
        Assert.Equal("2024-03-31", Assert.Single(Formatters.Format(new DateOnly(2024, 3, 31))).Text);
        Assert.Equal("<null>", Assert.Single(Formatters.Format(null)).Text);
    }

    [Fact]
    public void A_string_with_an_explicit_mime_type_is_taken_as_already_in_that_format()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

        Assert.Equal([new FormattedValue(MimeTypes.Svg, svg)], Formatters.Format(svg, MimeTypes.Svg));
    }

    [Fact]
    public void Asking_for_a_mime_type_nothing_renders_is_an_error_naming_both()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Formatters.Format(Rows.ToTable(), "image/png"));

        Assert.Contains("Table", error.Message);
        Assert.Contains("image/png", error.Message);
    }

    [Fact]
    public void Html_fragments_render_as_they_are()
    {
        Assert.Equal([new FormattedValue(MimeTypes.Html, "<b>x</b>")], Formatters.Format(new HtmlFragment("<b>x</b>")));
    }

    [Fact]
    public void Any_type_following_the_name_convention_is_formatted_by_its_own_source()
    {
        var formatted = Formatters.Format(new Conventional());

        Assert.Equal([new FormattedValue("text/markdown", "**conventional**")], formatted);
    }

    /// <summary>
    /// Replays how .NET Interactive (Formatter.TryRegisterFromConventionBasedFormatterSources) discovers formatters,
    /// with the same reflection calls, so a change to our types that VS Code would no longer see fails here.
    /// </summary>
    [Theory]
    [InlineData(typeof(Table), new[] { MimeTypes.Html, MimeTypes.PlainText })]
    [InlineData(typeof(Chart), new[] { MimeTypes.Svg, MimeTypes.Html, MimeTypes.PlainText })]
    [InlineData(typeof(HtmlFragment), new[] { MimeTypes.Html })]
    public void Our_report_types_follow_the_convention_dotnet_interactive_looks_for(Type type, string[] preferred)
    {
        var attribute = Assert.Single(type.GetCustomAttributes(true), a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = Assert.IsType<Type>(attribute.GetType().GetProperty("FormatterSourceType")!.GetGetMethod()!.Invoke(attribute, null), exactMatch: false);
        Assert.Equal(preferred, (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetGetMethod()!.Invoke(attribute, null)!);

        var source = Activator.CreateInstance(sourceType)!;
        var formatters = Assert.IsAssignableFrom<IEnumerable>(source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)).Cast<object>().ToList();
        var instance = type == typeof(Table) ? Rows.ToTable() : type == typeof(Chart) ? (object)Chart.Bar("t", Rows, r => r.Name, r => r.TotalUsd) : new HtmlFragment("<p/>");
        foreach (var mime in preferred)
        {
            var formatter = formatters.Single(f => (string?)f.GetType().GetProperty("MimeType")!.GetGetMethod()!.Invoke(f, null) == mime);
            var format = formatter.GetType().GetMethod("Format")!;
            Assert.Equal([typeof(object), typeof(TextWriter)], format.GetParameters().Select(p => p.ParameterType));
            using var writer = new StringWriter();
            Assert.True((bool)format.Invoke(formatter, [instance, writer])!);
            Assert.Equal(Formatters.FormatAs(instance, mime), writer.ToString());
        }
    }

    [TypeFormatterSource(typeof(ConventionalSource))]
    private sealed class Conventional;

    [AttributeUsage(AttributeTargets.Class)]
    private sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;

        public string[] PreferredMimeTypes { get; set; } = ["text/markdown"];
    }

    private sealed class ConventionalSource
    {
        public IEnumerable<object> CreateTypeFormatters() => [new MarkdownFormatter()];
    }

    private sealed class MarkdownFormatter
    {
        public string MimeType => "text/markdown";

        public bool Format(object instance, TextWriter writer)
        {
            writer.Write("**conventional**");
            return instance is Conventional;
        }
    }
}
