using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Workbook.Sandbox;

/// <summary>
/// Opaque page cursors: an offset, a serial number (so every cursor handed out is distinct, even two for the
/// same offset) and a MAC under a per-server random key, base64url-encoded. Clients cannot forge or edit one,
/// and a cursor from another sandbox run is rejected.
/// </summary>
internal sealed class SandboxCursor
{
    private const int PayloadLength = 12;
    private const int TagLength = 8;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private long _serial;

    public string Encode(int offset)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength + TagLength];
        BinaryPrimitives.WriteInt32BigEndian(bytes, offset);
        BinaryPrimitives.WriteInt64BigEndian(bytes[4..], Interlocked.Increment(ref _serial));
        Tag(bytes[..PayloadLength], bytes[PayloadLength..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The offset a cursor stands for; false for anything this server did not issue.</summary>
    public bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        var text = cursor.Replace('-', '+').Replace('_', '/');
        text += new string('=', (4 - (text.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[PayloadLength + TagLength + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != PayloadLength + TagLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TagLength];
        Tag(bytes[..PayloadLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(PayloadLength, TagLength)))
        {
            return false;
        }

        offset = BinaryPrimitives.ReadInt32BigEndian(bytes);
        return offset >= 0;
    }

    private void Tag(ReadOnlySpan<byte> payload, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, payload, mac);
        mac[..TagLength].CopyTo(tag);
    }
}
