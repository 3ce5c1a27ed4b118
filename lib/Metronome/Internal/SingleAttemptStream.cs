namespace Workbook.Metronome;

/// <summary>
/// The connection stream of the client's own <see cref="SocketsHttpHandler"/>, so that one attempt is one request.
/// SocketsHttpHandler resends a request by itself, up to 3 more times, when the server closes the connection before
/// any byte of the response: under the client's retries, <c>MaxRetries = 1</c> reached a server that dropped
/// connections 8 times. It decides from the exception type (an <see cref="IOException"/> on a connection that may
/// retry), so this stream reports an end of stream or a broken connection while a response is awaited as an
/// <see cref="HttpRequestException"/> instead, which the handler passes on untouched; the client's retry policy then
/// decides, and counts it.
/// </summary>
internal sealed class SingleAttemptStream(Stream inner) : Stream
{
    // Set when a request is written, cleared by the first byte of its response.
    private volatile bool _awaitingResponse;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException broken) when (_awaitingResponse)
        {
            throw Dropped(broken);
        }

        // A zero-byte read (the handler's way to wait for data) returns 0 without meaning the end of the stream.
        if (read == 0 && buffer.Length > 0 && _awaitingResponse)
        {
            throw Dropped(null);
        }

        if (read > 0)
        {
            _awaitingResponse = false;
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _awaitingResponse = true;
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException broken)
        {
            throw Dropped(broken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static HttpRequestException Dropped(IOException? cause) =>
        new(HttpRequestError.ResponseEnded, "the server closed the connection without a response", cause);
}
