namespace Workbook.Arr;

/// <summary>
/// An id, parsed. Ids are text compared exactly (case and spaces matter); the usual one, a UUID in canonical
/// lowercase form, is carried as its <see cref="Guid"/> instead (16 bytes, no string: <see cref="IdColumn"/> stores
/// it so, <see cref="IdIndex"/> hashes it) and written back as the very same text. Any other id is its string.
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

    public override string ToString() => Text ?? Uuid.ToString();
}
