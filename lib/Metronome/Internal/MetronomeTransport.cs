using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Workbook.Metronome;

/// <summary>
/// Sends one API call through the resilience pipeline (retry outside, per-attempt timeout inside), then turns
/// the outcome into the typed result or a <see cref="MetronomeApiException"/>. Every message it builds names the
/// method and path; the token only ever goes into the Authorization header.
/// </summary>
internal sealed class MetronomeTransport : IDisposable
{
    private const int MaxErrorTextLength = 300;

    private readonly HttpClient _http;
    private readonly MetronomeClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly SemaphoreSlim? _slots;
    private readonly SecretRedactor _redactor;

    public MetronomeTransport(MetronomeClientOptions options, HttpMessageHandler? handler)
    {
        options.Validate();
        _options = options;
        _authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        _redactor = new SecretRedactor(options.BearerToken);
        // The pipeline owns timeouts; HttpClient's own would fire as an unexplained cancellation.
        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _pipeline = BuildPipeline(options);
        _slots = options.MaxConcurrentRequests is { } slots ? new SemaphoreSlim(slots, slots) : null;
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        // Serialised once, before the first attempt, and sent with its Content-Length as every official SDK does:
        // a streamed (chunked) body is refused by some proxies, and retries resend the very same bytes.
        var json = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), MetronomeJson.Options);
        if (_slots is null)
        {
            return await SendOnceAsync<T>(method, pathAndQuery, json, cancellationToken).ConfigureAwait(false);
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendOnceAsync<T>(method, pathAndQuery, json, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>One call: every attempt, then the typed result or the error.</summary>
    private async Task<T> SendOnceAsync<T>(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, (method.Method, path));
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    Interlocked.Increment(ref attempts);
                    using var request = state.Transport.CreateRequest(state.Method, state.PathAndQuery, state.Body);
                    // ResponseContentRead: the body is read inside the attempt, so the timeout and retries cover it.
                    return await state.Transport._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Transport: this, Method: method, PathAndQuery: pathAndQuery, Body: body)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw Fail(MetronomeErrorKind.Timeout, method, path, $"no response within {_options.Timeout.TotalSeconds:0.###} s", timeout, attempts);
        }
        catch (HttpRequestException connection)
        {
            throw Fail(MetronomeErrorKind.Connection, method, path, $"connection failed ({Describe(connection)})", connection, attempts);
        }
        catch (IOException io)
        {
            throw Fail(MetronomeErrorKind.Connection, method, path, $"connection failed ({io.Message})", io, attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await StatusErrorAsync(response, method, path, attempts, cancellationToken).ConfigureAwait(false);
            }

            // The whole body is already read (ResponseContentRead), within the attempt's timeout.
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonSerializer.Deserialize<T>(bytes, MetronomeJson.Options) ?? throw new JsonException("the body is the JSON literal null");
            }
            catch (JsonException malformed)
            {
                throw Fail(MetronomeErrorKind.MalformedResponse, method, path, ResponseBodyProblem.Describe(response, bytes, malformed, _redactor), malformed, attempts);
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _slots?.Dispose();
    }

    private static readonly ResiliencePropertyKey<(string Method, string Path)> RequestKey = new("metronome.request");

    private static SocketsHttpHandler CreateHandler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        // One attempt, one request: the retry policy above is the only one (see SingleAttemptStream).
        PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(new SingleAttemptStream(context.PlaintextStream)),
    };

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, byte[]? body)
    {
        // Appended, not resolved: a base URL with a path (a proxy's /metronome/) keeps it.
        var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(UserAgent.Product);
        request.Headers.UserAgent.Add(UserAgent.Comment);
        if (body is not null)
        {
            // ByteArrayContent has a known length: HttpClient sends Content-Length, never Transfer-Encoding: chunked.
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(MetronomeClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args =>
                {
                    var delay = RetryDelay.Compute(
                        args.Outcome.Result?.Headers,
                        args.AttemptNumber,
                        options.InitialRetryDelay,
                        options.MaxRetryDelay,
                        options.TimeProvider.GetUtcNow(),
                        Random.Shared.NextDouble());
                    return ValueTask.FromResult<TimeSpan?>(delay * options.RetryDelayScale);
                },
                OnRetry = args =>
                {
                    if (options.OnRetry is { } onRetry && args.Context.Properties.TryGetValue(RequestKey, out var request))
                    {
                        var status = (int?)args.Outcome.Result?.StatusCode;
                        var reason = args.Outcome.Exception is { } error ? error.GetType().Name : $"status {status}";
                        onRetry(new MetronomeRetry(request.Method, request.Path, args.AttemptNumber + 1, status, reason, args.RetryDelay));
                    }

                    // The response being retried is never read: release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddTimeout(options.Timeout);
        return builder.Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } error)
        {
            // The caller's own cancellation is final; a timeout or a broken connection is worth another try.
            return !cancellationToken.IsCancellationRequested && error is TimeoutRejectedException or HttpRequestException or IOException;
        }

        var response = outcome.Result!;
        if (response.Headers.TryGetValues("x-should-retry", out var values))
        {
            switch (values.FirstOrDefault())
            {
                case "true":
                    return true;
                case "false":
                    return false;
            }
        }

        return MetronomeApiException.IsRetryableStatus((int)response.StatusCode);
    }

    private async Task<MetronomeApiException> StatusErrorAsync(HttpResponseMessage response, HttpMethod method, string path, int attempts, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var serverMessage = ServerMessage(text);
        var kind = MetronomeApiException.KindOf(status);
        var what = kind switch
        {
            MetronomeErrorKind.Authentication => $"the API token was rejected ({Status(response)}); check {MetronomeClientOptions.TokenVariable}",
            MetronomeErrorKind.PermissionDenied => $"the API token is not allowed to do this ({Status(response)}); check {MetronomeClientOptions.TokenVariable}",
            MetronomeErrorKind.NotFound => $"not found ({Status(response)})",
            MetronomeErrorKind.BadRequest => $"the request was refused ({Status(response)})",
            MetronomeErrorKind.RateLimited => $"rate limited ({Status(response)})",
            MetronomeErrorKind.Server => $"server error ({Status(response)})",
            _ => $"unexpected status ({Status(response)})",
        };
        var message = serverMessage is null ? what : $"{what}: {serverMessage}";
        return new MetronomeApiException(kind, Redact(Describe(method, path, message, attempts)), status, serverMessage is null ? null : Redact(serverMessage), attempts);
    }

    private MetronomeApiException Fail(MetronomeErrorKind kind, HttpMethod method, string path, string what, Exception inner, int attempts) =>
        new(kind, Redact(Describe(method, path, what, attempts)), inner, attempts);

    private static string Describe(HttpMethod method, string path, string what, int attempts) =>
        attempts > 1 ? $"{method} {path}: {what} (after {attempts} attempts)" : $"{method} {path}: {what}";

    private static string Status(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

    private static string Describe(HttpRequestException error) =>
        error.InnerException is { } inner && inner.Message != error.Message ? $"{error.Message} {inner.Message}" : error.Message;

    /// <summary>The error body's <c>message</c>, else a bounded excerpt of the text (a proxy's HTML page, say), redacted.</summary>
    private string? ServerMessage(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            if (JsonSerializer.Deserialize<ErrorBody>(text, MetronomeJson.Options) is { } body)
            {
                return _redactor.Excerpt(body.Message, MaxErrorTextLength);
            }
        }
        catch (JsonException)
        {
        }

        return _redactor.Excerpt(text, MaxErrorTextLength);
    }

    /// <summary>A server could echo the Authorization header back; its text never leaves this class unredacted.</summary>
    private string Redact(string text) => _redactor.Redact(text);
}
