namespace Workbook.Notebooks.Running;

/// <summary>A line of a C# cell that the runner handles itself instead of Roslyn.</summary>
internal abstract record Directive(int Line)
{
    /// <summary>
    /// <c>#r</c> of one of the workbook's own assemblies (any path ending in Workbook.Library.dll or
    /// the library): bound to the copy the runner already has, whatever configuration built it.
    /// </summary>
    public sealed record LibraryReference(int Line, string AssemblyName) : Directive(Line);

    /// <summary><c>#r "nuget: Name, Version"</c>.</summary>
    public sealed record NuGetReference(int Line, string Name, string? Version) : Directive(Line);

    /// <summary><c>#!connect sqlite --kernel-name X "connection string"</c>.</summary>
    public sealed record ConnectSqlite(int Line, string KernelName, string ConnectionString) : Directive(Line);

    /// <summary>A directive the runner cannot honour, with the reason.</summary>
    public sealed record Unsupported(int Line, string Message) : Directive(Line);
}

/// <summary>
/// Takes the runner's directives out of a C# cell. Each handled line is replaced by an empty line, so Roslyn's
/// diagnostics keep the cell's line numbers. <c>#r "path"</c> to other assemblies and <c>#load</c> stay for Roslyn.
/// </summary>
internal static class CSharpDirectives
{
    public const string LibraryFileName = "Workbook.Library.dll";

    /// <summary>The workbook's assemblies a notebook may reference; the runner program references them all.</summary>
    public static readonly IReadOnlyList<string> WorkbookAssemblies = ["Workbook.Library", "Workbook.Sandbox"];

    public static (string Code, IReadOnlyList<Directive> Directives) Extract(string code)
    {
        var lines = code.Split('\n');
        var directives = new List<Directive>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var directive = line switch
            {
                _ when line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#r\"", StringComparison.Ordinal) => Reference(i, line[2..].Trim()),
                _ when line.StartsWith("#i ", StringComparison.Ordinal) || line.StartsWith("#i\"", StringComparison.Ordinal) =>
                    new Directive.Unsupported(i, "#i (package sources) is not supported: the runner uses the workbook's restored packages only"),
                _ when line.StartsWith("#!connect", StringComparison.Ordinal) => Connect(i, line),
                _ when line.StartsWith("#!", StringComparison.Ordinal) =>
                    new Directive.Unsupported(i, $"the magic command {line.Split(' ')[0]} is not supported by the workbook runner"),
                _ => null,
            };

            if (directive is not null)
            {
                directives.Add(directive);
                lines[i] = "";
            }
        }

        return (string.Join("\n", lines), directives);
    }

    private static Directive? Reference(int line, string argument)
    {
        if (argument.Length < 2 || argument[0] != '"' || argument[^1] != '"')
        {
            return null; // let Roslyn report the malformed #r
        }

        var target = argument[1..^1].Trim();
        if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = target["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
            var version = parts.Length > 1 && parts[1].Length > 0 && !parts[1].Contains('*', StringComparison.Ordinal) ? parts[1] : null;
            return parts[0].Length == 0
                ? new Directive.Unsupported(line, $"#r \"{target}\" names no package")
                : new Directive.NuGetReference(line, parts[0], version);
        }

        var fileName = target.Replace('\\', '/').Split('/')[^1];
        var assembly = WorkbookAssemblies.FirstOrDefault(name => string.Equals(fileName, name + ".dll", StringComparison.OrdinalIgnoreCase));
        return assembly is null ? null : new Directive.LibraryReference(line, assembly);
    }

    private static Directive Connect(int line, string text)
    {
        var tokens = Tokenize(text);
        if (tokens.Count < 2 || tokens[1] != "sqlite")
        {
            return new Directive.Unsupported(line, $"only '#!connect sqlite' is supported by the workbook runner (got '{string.Join(' ', tokens.Take(2))}')");
        }

        string? kernelName = null;
        string? connectionString = null;
        for (var i = 2; i < tokens.Count; i++)
        {
            var (option, inlineValue) = tokens[i].Split('=', 2) is [var o, var v] && o.StartsWith("--", StringComparison.Ordinal) ? (o, v) : (tokens[i], null);
            switch (option)
            {
                case "--kernel-name":
                    kernelName = inlineValue ?? (i + 1 < tokens.Count ? tokens[++i] : null);
                    break;
                case "--connection-string":
                    connectionString = inlineValue ?? (i + 1 < tokens.Count ? tokens[++i] : null);
                    break;
                default:
                    if (option.StartsWith("--", StringComparison.Ordinal) || connectionString is not null)
                    {
                        return new Directive.Unsupported(line, $"#!connect sqlite: unexpected '{tokens[i]}'");
                    }

                    connectionString = tokens[i];
                    break;
            }
        }

        return (kernelName, connectionString) switch
        {
            (null or "", _) => new Directive.Unsupported(line, "#!connect sqlite needs --kernel-name"),
            (_, null or "") => new Directive.Unsupported(line, "#!connect sqlite needs a connection string (positional or --connection-string)"),
            _ => new Directive.ConnectSqlite(line, kernelName, connectionString),
        };
    }

    /// <summary>Splits on spaces, keeping double-quoted values whole (\" is a quote inside one).</summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\' && i + 1 < text.Length && text[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any || current.Length > 0)
                {
                    tokens.Add(current.ToString());
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
            }
        }

        if (any || current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
