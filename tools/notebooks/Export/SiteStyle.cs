namespace Workbook.Notebooks.Export;

/// <summary>
/// The walkthrough's only stylesheet, inlined in every page (no network, no JavaScript). Its print rules are for
/// handing the walkthrough out on paper or as PDF: no navigation, tables not cut (rows kept whole, headers repeated on
/// each page, tables in smaller type wrapped at spaces), charts scaled to the page.
/// </summary>
internal static class SiteStyle
{
    public const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f7f9; color: #1f2328; font: 15px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 64px; background: #ffffff; min-height: 100vh; box-sizing: border-box; }
        nav { font-size: 13px; color: #59636e; padding-bottom: 12px; margin-bottom: 20px; border-bottom: 1px solid #d1d9e0; }
        a { color: #0969da; }
        nav a { text-decoration: none; }
        nav .file, .read .file { float: right; font-family: ui-monospace, Menlo, Consolas, monospace; color: #59636e; }
        .read .file { float: none; margin-left: 8px; font-size: 13px; }
        nav.toc { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 14px; background: #f6f8fa; }
        nav.toc strong { color: #1f2328; }
        nav.toc ul { margin: 4px 0 0; padding: 0; list-style: none; columns: 2; column-gap: 32px; }
        nav.toc li { break-inside: avoid; }
        nav.toc li.level-3 { padding-left: 16px; }
        .lead { color: #59636e; }
        .part { border: 1px solid #d1d9e0; border-radius: 8px; padding: 2px 20px 6px; margin: 18px 0; }
        .part h2 { margin-top: 0.7em; }
        .part h2 a { color: #1f2328; text-decoration: none; }
        .answers { font-size: 16px; }
        .no-answers { color: #cf222e; }
        .read { font-size: 13px; }
        h1, h2, h3 { line-height: 1.25; margin: 1.2em 0 0.5em; }
        h1 { font-size: 28px; border-bottom: 1px solid #d1d9e0; padding-bottom: 6px; }
        h2 { font-size: 21px; }
        .cell { margin: 14px 0; }
        .cell.code { border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
        .cell-head { display: flex; gap: 10px; align-items: center; background: #f0f3f6; padding: 4px 10px; font-size: 12px; color: #59636e; border-bottom: 1px solid #d1d9e0; }
        .cell-head .kernel { font-weight: 600; color: #1f2328; }
        .cell-head .count { font-family: ui-monospace, Menlo, Consolas, monospace; }
        pre, code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
        pre.source { margin: 0; padding: 10px 12px; background: #f6f8fa; white-space: pre-wrap; overflow-wrap: anywhere; }
        :not(pre) > code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
        .outputs { border-top: 1px solid #d1d9e0; padding: 8px 12px; overflow-x: auto; }
        .output { margin: 6px 0; }
        .output pre, pre.output { margin: 6px 0; white-space: pre-wrap; }
        pre.stream.stderr { color: #9a6700; }
        .error-output { border-left: 4px solid #cf222e; background: #ffebe9; padding: 6px 10px; color: #82071e; }
        .error-output pre { color: #82071e; }
        .error-output-count { color: #cf222e; font-size: 13px; }
        table { border-collapse: collapse; margin: 6px 0; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
        th { background: #f6f8fa; text-align: left; }
        th[align="right"], td[align="right"] { text-align: right; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .chart svg { max-width: 100%; height: auto; display: block; }
        blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: 4px solid #d1d9e0; }
        @media print {
          @page { margin: 14mm 12mm; }
          body { background: #ffffff; font-size: 11pt; }
          main { max-width: none; min-height: 0; padding: 0; }
          nav, .read a { display: none; }
          a { color: inherit; text-decoration: none; }
          h1, h2, h3 { break-after: avoid; }
          .part, .cell.code { border-color: #d1d9e0; break-inside: auto; }
          .cell.code { overflow: visible; }
          pre.source { font-size: 8.5pt; }
          .outputs { overflow: visible; }
          table { font-size: 8.5pt; max-width: 100%; }
          thead { display: table-header-group; }
          th, td { padding: 2px 6px; }
          tr, .chart, img { break-inside: avoid; }
          .chart svg, img { max-width: 100%; height: auto; }
        }
        """;
}
