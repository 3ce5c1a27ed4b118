using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workbook.Egress;

/// <summary>
/// A prepared INSERT driven through SQLite's C API, binding values by position straight from the CSV reader's
/// spans. The loader inserts hundreds of thousands of rows; this is several times faster than executing a
/// Microsoft.Data.Sqlite command per row (which rebinds named parameter objects and allocates per value).
/// Runs inside the connection's open transaction.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteInsert(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    /// <summary>The SQLite extended result code of a failed <see cref="Execute"/>.</summary>
    public const int PrimaryKeyViolation = 1555;

    /// <param name="position">0-based, as the columns are listed in the INSERT.</param>
    public void BindNull(int position) => raw.sqlite3_bind_null(_statement, position + 1);

    public void BindText(int position, ReadOnlySpan<char> value) => raw.sqlite3_bind_text16(_statement, position + 1, value);

    public void BindInteger(int position, long value) => raw.sqlite3_bind_int64(_statement, position + 1, value);

    public void BindReal(int position, double value) => raw.sqlite3_bind_double(_statement, position + 1, value);

    /// <summary>Inserts the bound row. Returns 0, or the extended result code of a constraint violation; other errors throw.</summary>
    public int Execute()
    {
        var result = raw.sqlite3_step(_statement);
        var extended = result == raw.SQLITE_DONE ? 0 : raw.sqlite3_extended_errcode(_db);
        raw.sqlite3_reset(_statement);
        if (result == raw.SQLITE_DONE || result == raw.SQLITE_CONSTRAINT)
        {
            return extended;
        }

        SqliteException.ThrowExceptionForRC(result, _db);
        return extended;
    }

    public void Dispose() => _statement.Dispose();
}
