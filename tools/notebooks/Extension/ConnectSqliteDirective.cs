using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Directives;

namespace Workbook.Notebooks.Extension;

/// <summary><c>#!connect sqlite --kernel-name NAME [--connection-string] "Data Source=..."</c>: adds the kernel <c>sql-NAME</c>.</summary>
public sealed class ConnectSqliteDirective : ConnectKernelDirective<ConnectSqliteCommand>
{
    public ConnectSqliteDirective()
        : base("sqlite", "Connects to a SQLite database")
    {
        Parameters.Add(new KernelDirectiveParameter("--connection-string", "The connection string used to connect to the database")
        {
            AllowImplicitName = true,
            Required = true,
        });
    }

    public override Task<IEnumerable<Kernel>> ConnectKernelsAsync(ConnectSqliteCommand connectCommand, KernelInvocationContext context) =>
        Task.FromResult<IEnumerable<Kernel>>([new SqliteKernel($"sql-{connectCommand.ConnectedKernelName}", connectCommand.ConnectionString)]);
}

/// <summary>The parsed <c>#!connect sqlite</c> directive (its parameters bind by name).</summary>
public sealed class ConnectSqliteCommand(string connectedKernelName) : ConnectKernelCommand(connectedKernelName)
{
    public string ConnectionString { get; set; } = "";
}
