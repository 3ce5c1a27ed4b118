using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Workbook.Core;

namespace Workbook.Notebooks.Running;

/// <summary>How a cell's run ended.</summary>
internal enum CellEnd
{
    Finished,
    TimedOut,
    KernelExited,
}

/// <summary>
/// One notebook's kernel: the workbook-kernel executable (tools/notebooks/Kernel), built beside the runner, started
/// in the notebook's folder as VS Code starts its kernel, given one cell at a time on stdin and read back on stdout
/// (the protocol is in Kernel/Program.cs). It does not have the library loaded, so the notebook binds to the library
/// of its own package; and a cell that ends the process ends only this kernel.
/// </summary>
internal sealed class KernelProcess : IAsyncDisposable
{
    private const string ExecutableName = "workbook-kernel";
    private const int StderrLinesKept = 20;

    /// <summary>How long a kernel may take to wind down after its last cell before it is killed.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly List<string> _stderrHead = [];

    /// <summary>A cell was sent and its end not read (the run was cancelled): the kernel is killed, not waited for.</summary>
    private bool _busy;

    private KernelProcess(Process process)
    {
        _process = process;
    }

    public static KernelProcess Start(string workingDirectory)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, ExecutableName);
        if (!File.Exists(executable))
        {
            throw new WorkbookException($"the notebook kernel {executable} is missing: build tools/workbook (it builds the kernel beside the CLI)");
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        if (FrameworkRoot() is { } root)
        {
            // The kernel runs on the runtime this process runs on, wherever that is installed.
            start.Environment["DOTNET_ROOT"] = root;
        }

        var kernel = new KernelProcess(new Process { StartInfo = start });
        kernel._process.ErrorDataReceived += (_, e) => kernel.KeepStderr(e.Data);
        kernel._process.Start();
        kernel._process.BeginErrorReadLine();
        return kernel;
    }

    /// <summary>Runs one cell, adding its outputs; a cell past <paramref name="timeout"/> kills the kernel.</summary>
    public async Task<CellEnd> RunCellAsync(string code, string kernelName, CellOutputs outputs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        lock (_stderrHead)
        {
            _stderrHead.Clear();
        }

        _busy = true;
        try
        {
            var submission = new SubmitCode(code, kernelName);
            await _process.StandardInput.WriteLineAsync(KernelCommandEnvelope.Serialize(submission).AsMemory(), deadline.Token);
            await _process.StandardInput.FlushAsync(deadline.Token);
            while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    _busy = false;
                    return CellEnd.Finished;
                }

                // Read against the cell's own command: an event may carry a command of an extension (#!connect's)
                // that only the kernel process knows, and the outputs do not depend on it.
                outputs.Add(KernelEventEnvelope.DeserializeWithCommand(line, submission).Event);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            outputs.Error($"The cell did not finish within {timeout.TotalSeconds:0.###} s (--cell-timeout) and was stopped; the rest of the notebook was not run.");
            return CellEnd.TimedOut;
        }
        catch (IOException)
        {
            // The kernel closed its stdin: it has exited (below).
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException)
        {
            Kill();
            outputs.Error($"The kernel process wrote something that is not one of its events ({error.Message}); the rest of the notebook was not run.");
            return CellEnd.KernelExited;
        }

        await _process.WaitForExitAsync(cancellationToken);
        string stderr;
        lock (_stderrHead)
        {
            stderr = _stderrHead.Count > 0 ? "\n" + string.Join('\n', _stderrHead) : "";
        }

        outputs.Error($"The kernel process exited with code {_process.ExitCode} while this cell ran; the rest of the notebook was not run.{stderr}");
        return CellEnd.KernelExited;
    }

    /// <summary>Closes the kernel's input, which ends it; kills it (and the restores it started) if it does not end.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_busy)
            {
                Kill();
            }
            else if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(ExitGrace);
                await _process.WaitForExitAsync(grace.Token);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException)
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The head of what the cell's run wrote, not the tail: a crash report starts with what went wrong and ends
        // with a long stack.
        lock (_stderrHead)
        {
            if (_stderrHead.Count < StderrLinesKept)
            {
                _stderrHead.Add(line);
            }
        }
    }

    /// <summary>The folder holding the dotnet host of the runtime this process runs on; null when self-contained.</summary>
    private static string? FrameworkRoot()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return File.Exists(Path.Combine(root, "dotnet")) ? root : null;
    }
}
