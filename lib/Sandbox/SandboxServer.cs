using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workbook.Sandbox;

/// <summary>
/// A local Metronome API over real HTTP on 127.0.0.1: an ASP.NET Core minimal API serving a
/// <see cref="SandboxDataset"/>, checking the Bearer token, injecting the configured faults.
/// Start one with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private SandboxServer(WebApplication app, SandboxOptions options)
    {
        _app = app;
        Options = options;
    }

    public SandboxOptions Options { get; }

    /// <summary>The address it actually listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string BearerToken => Options.BearerToken;

    /// <summary>Requests received so far (the benchmark's request count).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (!options.EnableLogging)
        {
            builder.Logging.ClearProviders();
        }

        // The host must not handle Ctrl+C/SIGTERM itself: whoever hosts the sandbox (the CLI, a test) decides when it
        // stops, through the cancellation token and DisposeAsync.
        builder.Services.AddSingleton<IHostLifetime, CallerControlledLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
        });

        var app = builder.Build();
        var server = new SandboxServer(app, options);
        var faults = new SandboxFaults(options.Faults);
        app.Use(server.Middleware(faults));
        new SandboxApi(options.Dataset, new SandboxPaging(new SandboxCursor(), faults), faults).Map(app);
        app.MapGet("/_sandbox/stats", (HttpContext context) => SandboxHttp.WriteJsonAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("requests", server.RequestCount);
            json.WriteEndObject();
        }, new SandboxFaults([])));
        app.MapFallback((HttpContext context) => SandboxHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no such endpoint: {context.Request.Method} {context.Request.Path}"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Completes when the server stops (Ctrl+C for the CLI, via <paramref name="cancellationToken"/>).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Func<HttpContext, RequestDelegate, Task> Middleware(SandboxFaults faults)
    {
        var expected = Encoding.UTF8.GetBytes(Options.BearerToken);
        return async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            var path = context.Request.Path.Value;
            if (path == "/_sandbox/stats")
            {
                await next(context);
                return;
            }

            var latency = faults.LatencyFor(path);
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, context.RequestAborted);
            }

            // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" is "Bearer". The token is compared in constant time.
            var authorization = context.Request.Headers.Authorization.ToString();
            var scheme = authorization.IndexOf(' ');
            var given = Encoding.UTF8.GetBytes(scheme > 0 && authorization[..scheme].Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                ? authorization[(scheme + 1)..].TrimStart(' ')
                : "");
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                await SandboxHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid or missing bearer token");
                return;
            }

            if (faults.TryApply(SandboxFaultKind.DropConnection, path) is not null)
            {
                context.Abort();
                return;
            }

            // Like a proxy that wants to know a body's length before it forwards it.
            if (context.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase)
                && faults.TryApply(SandboxFaultKind.LengthRequired, path) is not null)
            {
                context.Response.Headers.Connection = "close";
                await SandboxHttp.WriteErrorAsync(context, StatusCodes.Status411LengthRequired, "a request body needs a Content-Length (injected)");
                return;
            }

            if (faults.TryApply(SandboxFaultKind.RateLimit, path) is { } rateLimit)
            {
                if (rateLimit.RetryAfterMilliseconds is { } ms)
                {
                    context.Response.Headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
                }

                if (rateLimit.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await InjectedErrorAsync(context, rateLimit, StatusCodes.Status429TooManyRequests, "too many requests (injected)");
                return;
            }

            if (faults.TryApply(SandboxFaultKind.ServerError, path) is { } serverError)
            {
                await InjectedErrorAsync(context, serverError, serverError.Status, "internal server error (injected)");
                return;
            }

            if (faults.TryApply(SandboxFaultKind.RequestTimeout, path) is { } requestTimeout)
            {
                await InjectedErrorAsync(context, requestTimeout, StatusCodes.Status408RequestTimeout, "request timeout (injected)");
                return;
            }

            if (faults.TryApply(SandboxFaultKind.Conflict, path) is { } conflict)
            {
                await InjectedErrorAsync(context, conflict, StatusCodes.Status409Conflict, "conflict (injected)");
                return;
            }

            try
            {
                await next(context);
            }
            catch (SandboxError error) when (!context.Response.HasStarted)
            {
                await SandboxHttp.WriteErrorAsync(context, error.Status, error.Message);
            }
        };
    }

    private static Task InjectedErrorAsync(HttpContext context, SandboxFault rule, int status, string message)
    {
        if (rule.ShouldRetry is { } shouldRetry)
        {
            context.Response.Headers["x-should-retry"] = shouldRetry ? "true" : "false";
        }

        return SandboxHttp.WriteErrorAsync(context, status, message);
    }

    private sealed class CallerControlledLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
