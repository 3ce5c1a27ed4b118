namespace Workbook.Sql;

/// <summary>A load's progress, as the share (0..1) of its input bytes read, across the files it reads in turn.</summary>
public sealed class LoadProgress(IProgress<double>? progress, long totalBytes)
{
    private long _finishedBytes;

    /// <summary>The current file has been read up to <paramref name="bytes"/>.</summary>
    public void Report(long bytes) => progress?.Report((double)(_finishedBytes + bytes) / Math.Max(1, totalBytes));

    /// <summary>The current file, of <paramref name="bytes"/>, is done; the next starts.</summary>
    public void FileDone(long bytes)
    {
        _finishedBytes += bytes;
        Report(0);
    }
}
