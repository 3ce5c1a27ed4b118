using Microsoft.DotNet.Interactive;

namespace Workbook.Notebooks.Extension;

/// <summary>
/// Loaded by the host when a notebook adds the workbook's package (it sits in the package's
/// interactive-extensions/dotnet/): registers <c>#!connect sqlite</c> on the notebook's root kernel, with the syntax
/// and the <c>sql-NAME</c> kernel naming of Microsoft.DotNet.Interactive.SQLite (not served by this registry), so
/// cells written for that extension run unchanged.
/// </summary>
public sealed class SqliteExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        if (kernel.RootKernel is CompositeKernel root)
        {
            root.AddConnectDirective(new ConnectSqliteDirective());
        }

        return Task.CompletedTask;
    }
}
