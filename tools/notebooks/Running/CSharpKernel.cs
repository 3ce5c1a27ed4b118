using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Workbook.Notebooks.Shim;

namespace Workbook.Notebooks.Running;

/// <summary>
/// The C# kernel: every cell of a notebook continues one Roslyn script state (as Polyglot's C# kernel does), with
/// its defaults — the same implicit usings, the whole .NET runtime referenced, #r and #load resolved against the
/// current directory (the notebook's folder) — and display(...) from the runner's globals.
/// </summary>
internal sealed class CSharpKernel
{
    // The usings Polyglot's C# kernel starts with.
    private static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(LoadRuntimeReferences);

    private readonly NotebookGlobals _globals = new();
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly List<Assembly> _hostAssemblies = [];
    private ScriptState<object?>? _state;

    public CSharpKernel()
    {
        // Notebook code shares these with the runner (and the formatters): bind to the loaded copies.
        AddAssembly(typeof(NotebookGlobals).Assembly);
    }

    /// <summary>Makes an assembly already loaded in the runner available to the cells that follow.</summary>
    public void AddAssembly(Assembly assembly)
    {
        if (!_hostAssemblies.Contains(assembly))
        {
            _hostAssemblies.Add(assembly);
            _loader.RegisterDependency(assembly);
        }
    }

    /// <summary>
    /// Makes a loaded assembly available together with the non-framework assemblies it depends on, transitively
    /// (the library's SQLite and Polly). Without them Roslyn would resolve those on its own when a cell touches
    /// e.g. <c>SqliteConnection</c> through the library, and a later <c>#r "nuget: ..."</c> of the same package would
    /// bring a second reference to the same assembly: two distinct types of the same name in one compilation.
    /// </summary>
    public void AddAssemblyWithDependencies(Assembly assembly)
    {
        var runtimeDirectory = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        var pending = new Stack<Assembly>([assembly]);
        while (pending.TryPop(out var next))
        {
            if (_hostAssemblies.Contains(next))
            {
                continue;
            }

            AddAssembly(next);
            foreach (var name in next.GetReferencedAssemblies())
            {
                Assembly dependency;
                try
                {
                    dependency = Assembly.Load(name);
                }
                catch (IOException)
                {
                    continue; // Not deployed with the program (e.g. an optional dependency): Roslyn reports it if a cell needs it.
                }

                if (!string.Equals(Path.GetDirectoryName(dependency.Location), runtimeDirectory, StringComparison.Ordinal))
                {
                    pending.Push(dependency);
                }
            }
        }
    }

    /// <summary>Compiles and runs one cell. Returns the value of a trailing expression (no semicolon), if the cell ends with one.</summary>
    public async Task<(bool HasValue, object? Value)> RunAsync(string code, CancellationToken cancellationToken)
    {
        var options = Options(Directory.GetCurrentDirectory());
        if (_state is null)
        {
            var script = CSharpScript.Create<object?>(code, options, typeof(NotebookGlobals), _loader);
            _state = await script.RunAsync(_globals, _ => true, cancellationToken);
        }
        else
        {
            _state = await _state.ContinueWithAsync<object?>(code, options, _ => true, cancellationToken);
        }

        if (_state.Exception is { } exception)
        {
            throw new CellException(exception);
        }

        return HasTrailingValue(_state.Script) ? (true, _state.ReturnValue) : (false, null);
    }

    /// <summary>
    /// Whether the cell ends with an expression statement missing its semicolon, whose type is not void (a void call
    /// or an await of a plain Task shows nothing). The script's ReturnValue cannot tell: it is null both for "no
    /// expression" and for an expression that is null.
    /// </summary>
    private static bool HasTrailingValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault(t => t.GetText().ToString() == script.Code);
        if (tree is null || TrailingExpression(tree) is not { } expression)
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static ExpressionSyntax? TrailingExpression(SyntaxTree tree) =>
        tree.GetRoot() is CompilationUnitSyntax unit
        && unit.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
        && statement.SemicolonToken.IsMissing
            ? statement.Expression
            : null;

    private ScriptOptions Options(string baseDirectory) =>
        ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .WithReferences(RuntimeReferences.Value)
            .AddReferences(_hostAssemblies)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(baseDirectory))
            .WithEmitDebugInformation(false)
            .WithOptimizationLevel(OptimizationLevel.Debug);

    /// <summary>Every assembly of the .NET runtime the program runs on, as Polyglot's C# kernel references them.</summary>
    private static ImmutableArray<MetadataReference> LoadRuntimeReferences()
    {
        var runtimeDirectory = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return [.. trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}

/// <summary>An exception thrown by a cell's own code (as opposed to a compile error or a runner failure).</summary>
internal sealed class CellException(Exception inner) : Exception(inner.Message, inner);
