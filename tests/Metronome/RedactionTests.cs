using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

/// <summary>
/// A server that echoes the request back in an error page: the token must not reach a message whole or in part,
/// even where the page is cut to an excerpt right through the token.
/// </summary>
public class RedactionTests
{
    private const string Token = "secret-token-0123456789abcdef";

    [Theory]
    [InlineData(502, 300)]
    [InlineData(200, 200)]
    public async Task The_token_is_redacted_before_a_long_body_is_cut_to_an_excerpt(int status, int excerptLength)
    {
        // "Authorization: Bearer " starts so that the excerpt's cut falls in the middle of the token.
        var header = "Authorization: Bearer " + Token;
        var before = new string('x', excerptLength - "Authorization: Bearer ".Length - 13);
        var page = $"<html>{before}{header} and the rest of a long proxy page {new string('y', 500)}</html>";
        Assert.True(page.IndexOf(Token, StringComparison.Ordinal) < excerptLength + 6 && page.IndexOf(Token, StringComparison.Ordinal) + Token.Length > excerptLength);
        await using var server = await LengthRequiredServer.StartAsync((_, _) => Task.FromResult(new LengthRequiredServer.Answer(status, page)));
        using var client = new MetronomeClient(new MetronomeClientOptions { BaseUrl = server.BaseUrl, BearerToken = Token, MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.ListAsync().ToListAsync().AsTask());

        // Not ToString(): its stack trace names this test, "token" included.
        var everything = $"{error.Message} {error.ServerMessage} {error.InnerException?.Message}";
        // The cut falls inside the mark now, not inside the token.
        Assert.Contains("Authorization: Bearer [redact...", everything);
        Assert.DoesNotContain(Pieces(Token, 4), p => everything.Contains(p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_piece_of_the_token_on_its_own_is_redacted_too()
    {
        var page = $$"""{"message": "key {{Token[7..20]}}... is not valid here"}""";
        await using var server = await LengthRequiredServer.StartAsync((_, _) => Task.FromResult(new LengthRequiredServer.Answer(403, page)));
        using var client = new MetronomeClient(new MetronomeClientOptions { BaseUrl = server.BaseUrl, BearerToken = Token, MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<MetronomeApiException>(() => client.Customers.ListAsync().ToListAsync().AsTask());

        Assert.Equal("key [redacted]... is not valid here", error.ServerMessage);
        Assert.DoesNotContain(Token[7..20], error.Message);
    }

    private static IEnumerable<string> Pieces(string text, int length) =>
        Enumerable.Range(0, text.Length - length + 1).Select(i => text.Substring(i, length));
}
