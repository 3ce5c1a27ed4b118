using System.Text;

namespace Workbook.Notebooks.Running;

/// <summary>
/// Routes Console.Out and Console.Error to the outputs of the cell running on the current logical thread
/// (an AsyncLocal), and everything else to the original console. Installed once per process; re-installed
/// if something else replaced the console writers since.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly AsyncLocal<CellOutputs?> Current = new();
    private static readonly object Gate = new();
    private static TextWriter? _installedOut;
    private static TextWriter? _installedError;

    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                Console.SetOut(new Router("stdout", Console.Out));
                _installedOut = Console.Out;
            }

            if (!ReferenceEquals(Console.Error, _installedError))
            {
                Console.SetError(new Router("stderr", Console.Error));
                _installedError = Console.Error;
            }
        }
    }

    /// <summary>Sends console writes of this logical thread (and the tasks it starts) to <paramref name="outputs"/>.</summary>
    public static void Use(CellOutputs? outputs) => Current.Value = outputs;

    private sealed class Router : TextWriter
    {
        private readonly string _stream;
        private readonly TextWriter _fallback;

        public Router(string stream, TextWriter fallback)
        {
            _stream = stream;
            _fallback = fallback;
            NewLine = "\n"; // the same outputs on every OS
        }

        public override Encoding Encoding => _fallback.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }

            if (Current.Value is { } outputs)
            {
                outputs.Write(_stream, value);
            }
            else
            {
                _fallback.Write(value);
            }
        }

        public override void WriteLine(string? value) => Write(value + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (Current.Value is null)
            {
                _fallback.Flush();
            }
        }
    }
}
