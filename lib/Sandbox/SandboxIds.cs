using System.Security.Cryptography;
using System.Text;

namespace Workbook.Sandbox;

/// <summary>
/// Ids for things the export does not hold (customer plans, draft invoices, seeded grants): UUIDs derived from
/// what they belong to, so the same inputs always produce the same ids and outputs stay byte-identical.
/// </summary>
public static class SandboxIds
{
    public static string Derive(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        // RFC 9562 version 8 (custom) with the RFC variant, so the result is a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
