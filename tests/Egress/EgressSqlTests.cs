using Workbook.Core;
using Workbook.Sql;
using Workbook.Egress;

namespace Workbook.Tests.Egress;

public class EgressSqlTests
{
    [Fact]
    public void Every_sql_file_is_embedded_with_its_exact_text()
    {
        var folder = Path.Combine(RepoPaths.TryFindRoot()!, "lib", "Egress", "Sql");
        var onDisk = Directory.GetFiles(folder, "*.sql").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, EgressSql.FileNames);
        Assert.All(onDisk, file => Assert.Equal(File.ReadAllText(Path.Combine(folder, file)), EgressSql.Text(file)));
        Assert.Contains(EgressSql.ImagesBySize, onDisk);
        Assert.Contains(EgressSql.A1MarchInvoice, onDisk);
        Assert.Contains(EgressSql.BillingsByPlan, onDisk);
    }

    [Fact]
    public void The_question_files_are_single_statements_a_sqlite_notebook_cell_can_run()
    {
        foreach (var file in new[] { EgressSql.ImagesBySize, EgressSql.A1MarchInvoice, EgressSql.BillingsByPlan, EgressSql.BillingsByPlanIssued, EgressSql.Reconciliation })
        {
            var code = string.Join('\n', EgressSql.Text(file).Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
            Assert.Equal(1, code.Count(c => c == ';'));
            Assert.EndsWith(";", code.TrimEnd());
            // No parameters ($name, :name, @name): the question's literals are in the text. '$.key' is a JSON path.
            Assert.DoesNotMatch(@"(?<!')[$:@][A-Za-z_]", code);
        }
    }

    [Theory]
    [InlineData(SqlEngine.DuckDb)]
    [InlineData(SqlEngine.Postgres)]
    public void An_engine_has_its_own_file_only_beside_a_shared_one_and_says_why(SqlEngine engine)
    {
        var folder = Path.Combine(RepoPaths.TryFindRoot()!, "lib", "Egress", "Sql", engine.Name());
        var onDisk = Directory.GetFiles(folder, "*.sql").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, EgressSql.OwnFileNames(engine));
        Assert.Contains(EgressSql.Schema, onDisk);
        Assert.All(onDisk, file =>
        {
            Assert.Contains(file, EgressSql.FileNames);
            Assert.Equal(File.ReadAllText(Path.Combine(folder, file)), EgressSql.Text(file, engine));
            Assert.StartsWith("--", EgressSql.Text(file, engine));
            Assert.Matches(@"(?i)^(--.*\n)*--.*(why|dialect)", EgressSql.Text(file, engine));
        });
        // The three questions that are one text on every engine.
        Assert.False(EgressSql.HasOwnText(EgressSql.A1MarchInvoice, engine));
        Assert.False(EgressSql.HasOwnText(EgressSql.BillingsByPlan, engine));
        Assert.False(EgressSql.HasOwnText(EgressSql.Reconciliation, engine));
    }
}
