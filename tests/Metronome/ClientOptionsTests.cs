using Workbook.Core;
using Workbook.Metronome;

namespace Workbook.Tests.Metronome;

public class ClientOptionsTests
{
    [Fact]
    public void From_environment_reads_the_sdk_variables()
    {
        var env = new Dictionary<string, string>
        {
            ["METRONOME_BEARER_TOKEN"] = " secret-token-123 ",
            ["METRONOME_BASE_URL"] = "http://127.0.0.1:9999",
        };

        var options = MetronomeClientOptions.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal("secret-token-123", options.BearerToken);
        Assert.Equal(new Uri("http://127.0.0.1:9999/"), options.BaseUrl);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeout);
        Assert.DoesNotContain("secret-token-123", options.ToString());
        Assert.Contains("BearerToken=[redacted]", options.ToString());
    }

    [Fact]
    public void Defaults_to_the_public_api_and_requires_a_token()
    {
        var options = MetronomeClientOptions.FromEnvironment(name => name == "METRONOME_BEARER_TOKEN" ? "tok" : null);
        Assert.Equal(new Uri("https://api.metronome.com/"), options.BaseUrl);

        var missing = Assert.Throws<WorkbookException>(() => MetronomeClientOptions.FromEnvironment(_ => null));
        Assert.Contains("METRONOME_BEARER_TOKEN is not set", missing.Message);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    [InlineData("/relative")]
    public void A_base_url_must_be_absolute_http(string url)
    {
        var error = Assert.Throws<WorkbookException>(() => MetronomeClientOptions.ParseBaseUrl(url, "--base-url"));
        Assert.StartsWith("--base-url: ", error.Message);
    }

    [Fact]
    public void A_token_with_white_space_is_refused_before_any_request()
    {
        var error = Assert.Throws<WorkbookException>(() => new MetronomeClient(new MetronomeClientOptions { BearerToken = "two words" }));
        Assert.DoesNotContain("two words", error.Message);
    }
}
