using Workbook.Cli;

namespace Workbook.Tests.Cli;

/// <summary>A command line naming a top-level command builds only that command; it must parse and help the same.</summary>
public class CommandTreeTests
{
    private static CliContext Context => new(TimeProvider.System, TextWriter.Null, TextWriter.Null, Interactive: false, _ => null);

    [Fact]
    public void The_command_table_names_each_command_as_its_factory_does()
    {
        Assert.Equal(
            WorkbookCli.Commands.Select(command => command.Name),
            WorkbookCli.BuildRoot(Context).Subcommands.Select(command => command.Name));
        Assert.All(WorkbookCli.Commands, command => Assert.Equal(command.Name, command.Create(Context).Name));
    }

    [Theory]
    [InlineData("arr")]
    [InlineData("generate")]
    [InlineData("notebooks")]
    public void Only_the_named_command_is_built_and_its_help_is_unchanged(string name)
    {
        var only = WorkbookCli.BuildRoot(Context, name);
        Assert.Equal([name], only.Subcommands.Select(command => command.Name));

        string[] args = [name, "--help"];
        Assert.Equal(Help(WorkbookCli.BuildRoot(Context), args), Help(only, args));
    }

    [Fact]
    public void An_unknown_first_word_builds_the_whole_tree()
    {
        Assert.Equal(WorkbookCli.Commands.Length, WorkbookCli.BuildRoot(Context, "no-such-command").Subcommands.Count);
        Assert.Equal(WorkbookCli.Commands.Length, WorkbookCli.BuildRoot(Context, "--help").Subcommands.Count);
    }

    private static string Help(System.CommandLine.RootCommand root, string[] args)
    {
        var output = new StringWriter();
        root.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });
        return output.ToString();
    }
}
