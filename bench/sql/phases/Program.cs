// Times the phases of `workbook egress` through the library, as the CLI calls it: the load (read, validate,
// bulk-write, metered_usage, derived.sql), then each answer's query, then writing the CSVs. One line per phase on stdout:
// "<phase>\t<wall seconds>\t<CPU seconds>" (CPU: user + system, all threads).
//
//   SqlPhases <sqlite|duckdb> <export folder> <output folder>
using System.Diagnostics;
using System.Globalization;
using Workbook.Egress;
using Workbook.Sql;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: SqlPhases <sqlite|duckdb> <export folder> <output folder>");
    return 2;
}

var engine = SqlEngines.Parse(args[0]);
var clock = Stopwatch.StartNew();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
using var loaded = EgressLoad.Load(args[1], new EgressTarget(engine));
Phase("load");
var connection = loaded.Connection;
var imagesBySize = EgressAnswers.QueryImagesBySize(connection, engine);
Phase("(a) images_by_size");
var invoice = EgressAnswers.QueryA1MarchInvoice(connection, engine);
Phase("(b) a1_march_invoice");
var billings = EgressAnswers.QueryBillings(connection, EgressSql.BillingsByPlan, engine);
Phase("(c) billings_by_plan");
var issued = EgressAnswers.QueryBillings(connection, EgressSql.BillingsByPlanIssued, engine);
Phase("(c) billings_by_plan_issued");
var reconciliation = EgressAnswers.QueryReconciliation(connection, engine);
Phase("reconciliation");
EgressReport.Write(new EgressAnswers(imagesBySize, invoice, billings, issued, reconciliation), args[2]);
Phase("write CSVs");
return 0;

void Phase(string name)
{
    var nowCpu = Process.GetCurrentProcess().TotalProcessorTime;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{clock.Elapsed.TotalSeconds:0.000}\t{(nowCpu - cpu).TotalSeconds:0.000}"));
    cpu = nowCpu;
    clock.Restart();
}
