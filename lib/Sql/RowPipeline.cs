using System.Collections.Concurrent;

namespace Workbook.Sql;

/// <summary>
/// Reads rows on a worker thread while the calling thread writes them: reading a row (parsing and validating it)
/// and writing it into an engine each take about as long, so on two cores a load takes the time of the slower
/// half rather than of both. Rows travel in batches through a short queue; a failure on either side stops both,
/// and the first failure is rethrown as it was thrown.
/// </summary>
public static class RowPipeline
{
    private const int BatchRows = 1024;

    /// <summary>Batches in flight: enough that neither side waits for the other's jitter, few enough to stay in cache.</summary>
    private const int Batches = 4;

    /// <param name="columns">Values per row.</param>
    /// <param name="read">Fills the array with the next row's values and returns true, or returns false at the end. Runs on the worker thread.</param>
    /// <param name="write">Writes one row (its array is reused once the batch is written). Runs on the calling thread.</param>
    /// <param name="batchWritten">Called on the calling thread after each batch, e.g. to report progress.</param>
    /// <param name="cancellationToken">Checked after each batch: an <see cref="OperationCanceledException"/> stops both sides.</param>
    public static void Run(int columns, Func<object?[], bool> read, Action<object?[]> write, Action? batchWritten = null, CancellationToken cancellationToken = default)
    {
        using var full = new BlockingCollection<Batch>(Batches);
        using var free = new BlockingCollection<Batch>(Batches);
        for (var i = 0; i < Batches; i++)
        {
            free.Add(new Batch(columns));
        }

        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            try
            {
                var more = true;
                while (more)
                {
                    var batch = free.Take(stop.Token);
                    batch.Count = 0;
                    while (batch.Count < BatchRows && (more = read(batch.Rows[batch.Count])))
                    {
                        batch.Count++;
                    }

                    full.Add(batch, stop.Token);
                }
            }
            finally
            {
                full.CompleteAdding();
            }
        });

        try
        {
            foreach (var batch in full.GetConsumingEnumerable())
            {
                for (var row = 0; row < batch.Count; row++)
                {
                    write(batch.Rows[row]);
                }

                batchWritten?.Invoke();
                cancellationToken.ThrowIfCancellationRequested();
                free.Add(batch);
            }
        }
        catch
        {
            stop.Cancel();
            try
            {
                reader.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }

            throw;
        }

        reader.GetAwaiter().GetResult();
    }

    private sealed class Batch(int columns)
    {
        public object?[][] Rows { get; } = Enumerable.Range(0, BatchRows).Select(_ => new object?[columns]).ToArray();

        public int Count { get; set; }
    }
}
