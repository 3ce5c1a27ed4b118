namespace Workbook.Arr;

/// <summary>
/// An id as the tables keep it. Ids are text compared exactly (case and spaces matter); the usual one, a UUID in
/// canonical lowercase form, is kept as its <see cref="Guid"/> instead: 16 bytes and no string per id (at 2.5M
/// accounts that is millions of objects fewer), hashed and compared as two numbers, and written back as the very
/// same text. Any other id is kept as its string.
/// </summary>
internal readonly record struct IdKey(Guid Uuid, string? Text)
{
    public const int UuidLength = 36;

    public static IdKey Parse(ReadOnlySpan<char> text) =>
        text.Length == UuidLength && Guid.TryParseExact(text, "D", out var uuid) && !text.ContainsAnyInRange('A', 'F')
            ? new IdKey(uuid, null)
            : new IdKey(default, text.IsEmpty ? "" : text.ToString());

    /// <summary>The empty id (no parent).</summary>
    public bool IsEmpty => Text is { Length: 0 };

    /// <summary>The id's text: a text id's own, or a UUID's written into <paramref name="buffer"/> (36 chars).</summary>
    public ReadOnlySpan<char> Format(Span<char> buffer)
    {
        if (Text is not null)
        {
            return Text;
        }

        Uuid.TryFormat(buffer, out var length);
        return buffer[..length];
    }

    public override string ToString() => Text ?? Uuid.ToString();
}
