using System.Net;
using System.Text;
using Workbook.Egress;
using Workbook.CustomerSummary;
using Workbook.Metronome;
using Workbook.Sandbox;
using Workbook.Tests.Sandbox;

namespace Workbook.Tests.Metronome;

/// <summary>
/// Request bodies go out with a Content-Length, as every official SDK sends them: a server (or proxy) that refuses
/// chunked bodies still gets every call of a complete report. The sandbox itself accepts both, as servers do.
/// </summary>
public class LengthRequiredTests(SampleDatasetFixture fixture) : IClassFixture<SampleDatasetFixture>
{
    [Fact]
    public async Task A_server_that_refuses_chunked_bodies_gets_a_complete_correct_report()
    {
        await using var sandbox = await TestSandbox.StartAsync(fixture.Dataset);
        using var upstream = new HttpClient();
        await using var proxy = await LengthRequiredServer.ProxyAsync(sandbox.Server.BaseUrl, upstream);
        using var direct = sandbox.Client();
        using var proxied = sandbox.Client(o => o with { BaseUrl = proxy.BaseUrl });

        var expected = await CustomerSummaryFetcher.BuildRowsAsync(direct, fixture.Dataset.Now, 8, null, CancellationToken.None);
        var rows = await CustomerSummaryFetcher.BuildRowsAsync(proxied, fixture.Dataset.Now, 8, null, CancellationToken.None);

        Assert.Equal(0, proxy.Refused);
        Assert.Equal(52 * 2, proxy.Requests.Count(r => r.Method == "POST"));
        Assert.All(proxy.Requests.Where(r => r.Method == "POST"), r => Assert.Equal(r.Body.Length, r.ContentLength));
        Assert.All(rows, r => Assert.True(r.IsOk, r.Status));
        Assert.Equal(Csv(expected), Csv(rows));
        using var export = EgressDatabase.Load(SharedData.EgressDir);
        Assert.True(CustomerSummaryCheck.AgainstExport(rows, export.Connection).Agrees);
    }

    [Fact]
    public async Task The_refusing_server_really_refuses_a_chunked_body()
    {
        await using var server = await LengthRequiredServer.StartAsync((_, _) => Task.FromResult(new LengthRequiredServer.Answer(200, "{}")));
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "v1/credits/listGrants") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        chunked.Headers.TransferEncodingChunked = true;

        using var refused = await http.SendAsync(chunked);
        using var accepted = await http.PostAsync("v1/credits/listGrants", new ByteArrayContent("{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.LengthRequired, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, server.Refused);
    }

    [Fact]
    public async Task The_sandbox_accepts_a_body_sent_chunked_or_with_a_length_and_can_refuse_chunked_ones_like_a_proxy()
    {
        var data = new TestDataset().WithCustomers(2);
        data.WithGrant(TestDataset.MakeGrant(data.Customers[0].Id, "promo", 100m, 80m));
        await using var sandbox = await TestSandbox.StartAsync(data.Build());
        await using var strict = await TestSandbox.StartAsync(data.Build(), new SandboxFault { Kind = SandboxFaultKind.LengthRequired });
        var body = $$"""{"customer_ids": ["{{data.Customers[0].Id}}"]}""";

        async Task<(HttpStatusCode, string)> PostAsync(TestSandbox server, bool chunked)
        {
            using var http = server.RawHttp();
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/credits/listGrants") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TransferEncodingChunked = chunked;
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var withLength = await PostAsync(sandbox, chunked: false);
        var chunkedBody = await PostAsync(sandbox, chunked: true);
        Assert.Equal(HttpStatusCode.OK, withLength.Item1);
        Assert.Equal(withLength, chunkedBody);
        Assert.Contains("\"name\":\"promo\"", withLength.Item2);

        Assert.Equal(HttpStatusCode.LengthRequired, (await PostAsync(strict, chunked: true)).Item1);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(strict, chunked: false)).Item1);
    }

    private static string Csv(IReadOnlyList<CustomerSummaryRow> rows)
    {
        using var text = new StringWriter();
        foreach (var row in rows)
        {
            text.WriteLine(string.Join(',', row.CustomerId, row.CurrentInvoiceTotalCents, row.LifetimeBilledCents, row.CreditBalanceCents, row.CreditBalanceIncludingPendingCents, row.PlanName,
                CustomerSummaryCsv.Amounts(row.OtherCreditTypes), row.Status));
        }

        return text.ToString();
    }
}
