using Microsoft.AspNetCore.Http;

namespace Workbook.Sandbox;

/// <summary>Cuts a list into pages behind opaque cursors, with the empty-page and repeated-cursor faults.</summary>
internal sealed class SandboxPaging(SandboxCursor cursors, SandboxFaults faults)
{
    public SandboxPage<T> Page<T>(IReadOnlyList<T> items, int limit, string? cursor, HttpContext context)
    {
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !cursors.TryDecode(cursor, out offset))
        {
            throw SandboxError.BadRequest("invalid next_page cursor");
        }

        var path = context.Request.Path.Value;
        if (offset < items.Count && faults.TryApply(SandboxFaultKind.EmptyPage, path) is not null)
        {
            // Nothing on this page, but a fresh cursor that carries on from the same place: legal in the API.
            return new SandboxPage<T>([], cursors.Encode(offset));
        }

        var data = items.Skip(offset).Take(limit).ToList();
        var next = offset + limit < items.Count ? cursors.Encode(offset + limit) : null;
        if (!string.IsNullOrEmpty(cursor) && faults.TryApply(SandboxFaultKind.RepeatedCursor, path) is not null)
        {
            next = cursor;
        }

        return new SandboxPage<T>(data, next);
    }
}
