namespace Workbook.Metronome;

/// <summary>What went wrong with a Metronome API call, so callers can react without parsing messages.</summary>
public enum MetronomeErrorKind
{
    /// <summary>400 or 422: the request was wrong.</summary>
    BadRequest,

    /// <summary>401: the token is missing or was rejected.</summary>
    Authentication,

    /// <summary>403: the token may not do this.</summary>
    PermissionDenied,

    /// <summary>404: unknown customer, invoice or path.</summary>
    NotFound,

    /// <summary>409 (retried, like the official SDKs do).</summary>
    Conflict,

    /// <summary>429 after every retry.</summary>
    RateLimited,

    /// <summary>408 or 5xx after every retry.</summary>
    Server,

    /// <summary>Any other unexpected status.</summary>
    UnexpectedStatus,

    /// <summary>The connection failed or dropped.</summary>
    Connection,

    /// <summary>No response within the per-request timeout.</summary>
    Timeout,

    /// <summary>A 2xx response whose body is not the documented JSON, or pagination that repeats a cursor.</summary>
    MalformedResponse,
}
