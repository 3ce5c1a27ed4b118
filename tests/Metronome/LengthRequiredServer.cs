using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workbook.Tests.Metronome;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) that refuses request bodies sent with Transfer-Encoding: chunked,
/// answering 411 Length Required as some proxies do, records every request and answers through a function. The
/// wire-contract tests serve fixtures with it; as a proxy in front of the sandbox it checks the client end to end.
/// </summary>
public sealed class LengthRequiredServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LengthRequiredServer(WebApplication app) => _app = app;

    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Query, byte[] Body, long? ContentLength, string? UserAgent);

    public sealed record Answer(int Status, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Requests refused with 411 because their body came chunked.</summary>
    public int Refused => _refused;

    private int _refused;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LengthRequiredServer> StartAsync(Func<Received, HttpRequest, Task<Answer>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LengthRequiredServer(app);
        app.Run(async context =>
        {
            var request = context.Request;
            if (request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref server._refused);
                context.Response.StatusCode = StatusCodes.Status411LengthRequired;
                context.Response.Headers.Connection = "close";
                await context.Response.WriteAsync("""{"message": "Length Required"}""");
                return;
            }

            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var received = new Received(
                request.Method,
                request.Path.Value ?? "",
                request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                body.ToArray(),
                request.ContentLength,
                request.Headers.UserAgent.ToString());
            server.Requests.Enqueue(received);
            var reply = await answer(received, request);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A proxy to <paramref name="upstream"/> that forwards what it accepts with the body's length.</summary>
    public static Task<LengthRequiredServer> ProxyAsync(Uri upstream, HttpClient http) =>
        StartAsync(async (received, request) =>
        {
            using var forward = new HttpRequestMessage(new HttpMethod(received.Method), new Uri(upstream, received.Path.TrimStart('/') + request.QueryString.Value));
            forward.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());
            if (received.Body.Length > 0)
            {
                forward.Content = new ByteArrayContent(received.Body);
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            using var response = await http.SendAsync(forward);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
