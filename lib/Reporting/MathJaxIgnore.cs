namespace Workbook.Reporting;

/// <summary>
/// Keeps MathJax away from the workbook's HTML outputs. Renderers that typeset notebook math (GitHub, JupyterLab,
/// nbviewer, nbconvert) pair any two <c>$</c> signs on a page as LaTeX, and tables of dollar amounts have many.
/// MathJax 2 skips elements with class <c>tex2jax_ignore</c>, MathJax 3 those with <c>mathjax_ignore</c>.
/// </summary>
public static class MathJaxIgnore
{
    public const string Classes = "tex2jax_ignore mathjax_ignore";

    public static string Wrap(string html) => $"<div class=\"{Classes}\">\n{html}</div>\n";
}
