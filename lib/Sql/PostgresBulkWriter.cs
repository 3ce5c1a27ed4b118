using Npgsql;
using NpgsqlTypes;

namespace Workbook.Sql;

/// <summary>PostgreSQL's binary COPY: values travel in the server's own binary format, no text to parse.</summary>
internal sealed class PostgresBulkWriter : BulkWriter
{
    private readonly NpgsqlBinaryImporter _copy;
    private bool _rowStarted;

    public PostgresBulkWriter(NpgsqlConnection connection, string table, IReadOnlyList<SqlColumn> columns)
        : base(columns) =>
        _copy = connection.BeginBinaryImport($"COPY \"{table}\" ({ColumnList(columns)}) FROM STDIN (FORMAT BINARY)");

    public override void Complete() => _copy.Complete();

    public override void Dispose() => _copy.Dispose();

    protected override void WriteNull() => Start().WriteNull();

    protected override void WriteInteger(long value) => Start().Write(value, NpgsqlDbType.Bigint);

    protected override void WriteDecimal(decimal value) => Start().Write(value, NpgsqlDbType.Numeric);

    protected override void WriteTimestamp(DateTime utc) => Start().Write(utc, NpgsqlDbType.TimestampTz);

    protected override void WriteDate(DateOnly day) => Start().Write(day, NpgsqlDbType.Date);

    protected override void WriteText(string value) =>
        Start().Write(value, Columns[Position].Type == SqlType.Json ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text);

    protected override void FinishRow()
    {
        Start();
        _rowStarted = false;
    }

    private NpgsqlBinaryImporter Start()
    {
        if (!_rowStarted)
        {
            _copy.StartRow();
            _rowStarted = true;
        }

        return _copy;
    }
}
