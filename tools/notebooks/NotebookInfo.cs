namespace Workbook.Notebooks;

/// <summary>Placeholder until the runner lands (issue 5).</summary>
internal static class NotebookInfo
{
}
