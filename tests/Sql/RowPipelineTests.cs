using Workbook.Sql;

namespace Workbook.Tests.Sql;

public class RowPipelineTests
{
    [Fact]
    public void A_cancelled_token_stops_both_sides_after_the_batch_being_written()
    {
        using var cancel = new CancellationTokenSource();
        long read = 0, written = 0;

        // An endless input: only the cancellation can end this run.
        var error = Assert.ThrowsAny<OperationCanceledException>(() => RowPipeline.Run(1,
            row => { row[0] = Interlocked.Increment(ref read); return true; },
            row =>
            {
                if (++written == 10)
                {
                    cancel.Cancel();
                }
            },
            cancellationToken: cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(1024, written); // the first batch, whole, then the check
        var readWhenDone = Interlocked.Read(ref read);
        Thread.Sleep(50);
        Assert.Equal(readWhenDone, Interlocked.Read(ref read)); // the reading side has stopped too
    }
}
