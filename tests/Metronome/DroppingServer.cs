using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workbook.Tests.Metronome;

/// <summary>
/// A real TCP server on 127.0.0.1 that reads each HTTP request (headers, and a body of the stated Content-Length),
/// counts it, and closes the connection without a byte of response: the failure an HTTP stack may retry by itself.
/// </summary>
public sealed class DroppingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public DroppingServer()
    {
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    /// <summary>Complete requests received (each then dropped).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = DropAsync(connection);
        }
    }

    private async Task DropAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var received = new StringBuilder();
            var buffer = new byte[4096];
            int read;
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal)
                && (read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var text = received.ToString();
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                return;
            }

            var length = text[..headerEnd].Split("\r\n")
                .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault();
            var bodyRead = text.Length - headerEnd - 4;
            while (bodyRead < length && (read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                bodyRead += read;
            }

            Interlocked.Increment(ref _requests);
            connection.Client.LingerState = new LingerOption(true, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
