using Workbook.Core;

namespace Workbook.Metronome;

/// <summary>
/// A failed Metronome API call: the kind, the HTTP status (when there was one), the server's own message and
/// how many attempts were made. The message names the method and path, never the token.
/// </summary>
public sealed class MetronomeApiException : WorkbookException
{
    /// <summary>An error response from the server.</summary>
    public MetronomeApiException(MetronomeErrorKind kind, string message, int? statusCode, string? serverMessage, int attempts)
        : base(message)
    {
        Kind = kind;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        Attempts = attempts;
    }

    /// <summary>A failure with no usable response (connection, timeout, unreadable body).</summary>
    public MetronomeApiException(MetronomeErrorKind kind, string message, Exception inner, int attempts)
        : base(message, inner)
    {
        Kind = kind;
        Attempts = attempts;
    }

    public MetronomeErrorKind Kind { get; }

    public int? StatusCode { get; }

    /// <summary>The <c>message</c> field of the error body, when the server sent one.</summary>
    public string? ServerMessage { get; }

    /// <summary>Attempts made, retries included.</summary>
    public int Attempts { get; }

    /// <summary>True for the statuses and failures the official SDKs retry.</summary>
    public static bool IsRetryableStatus(int status) => status is 408 or 409 or 429 or >= 500;

    public static MetronomeErrorKind KindOf(int status) => status switch
    {
        400 or 422 => MetronomeErrorKind.BadRequest,
        401 => MetronomeErrorKind.Authentication,
        403 => MetronomeErrorKind.PermissionDenied,
        404 => MetronomeErrorKind.NotFound,
        409 => MetronomeErrorKind.Conflict,
        429 => MetronomeErrorKind.RateLimited,
        408 or >= 500 => MetronomeErrorKind.Server,
        _ => MetronomeErrorKind.UnexpectedStatus,
    };
}
