using DuckDB.NET.Data;

namespace Workbook.Sql;

/// <summary>DuckDB's appender: rows go straight into the table's column storage, no SQL per row.</summary>
internal sealed class DuckDbBulkWriter(DuckDBConnection connection, string table, IReadOnlyList<SqlColumn> columns) : BulkWriter(columns)
{
    private readonly DuckDBAppender _appender = connection.CreateAppender(table);
    private IDuckDBAppenderRow? _row;

    private IDuckDBAppenderRow Row => _row ??= _appender.CreateRow();

    public override void Complete() => _appender.Close();

    public override void Dispose() => _appender.Dispose();

    protected override void WriteNull() => Row.AppendNullValue();

    protected override void WriteInteger(long value) => Row.AppendValue(value);

    protected override void WriteDecimal(decimal value) => Row.AppendValue(value);

    protected override void WriteTimestamp(DateTime utc) => Row.AppendValue(new DateTimeOffset(utc));

    protected override void WriteDate(DateOnly day) => Row.AppendValue(day);

    protected override void WriteText(string value) => Row.AppendValue(value);

    protected override void FinishRow()
    {
        Row.EndRow();
        _row = null;
    }
}
