// Parses CSV files with one of three libraries, the way the workbook's loaders do: header by name, every field of
// every row unescaped, the physical line each row starts on. Prints rows, a checksum of the field lengths and the
// line of the last row, so the libraries can be checked against each other before they are timed.
//
//   CsvBench sep|csvhelper|sylvan FILE...
//   CsvBench write sep|csvhelper|sylvan IN OUT   (re-writes IN: every field, quoted only where needed, LF)
using System.Globalization;
using CsvHelper;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

if (args[0] == "write")
{
    Write(args[1], args[2], args[3]);
    return;
}

long rows = 0, checksum = 0, lastLine = 0;
foreach (var path in args[1..])
{
    using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    switch (args[0])
    {
        case "sep":
        {
            using var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, HasHeader = true, CultureInfo = CultureInfo.InvariantCulture }).From(text);
            foreach (var row in reader)
            {
                for (var i = 0; i < row.ColCount; i++)
                {
                    checksum += row[i].Span.Length;
                }

                lastLine = row.LineNumberFrom; // the physical line the row starts on
                rows++;
            }

            break;
        }

        case "csvhelper":
        {
            // CsvHelper 34 parses UTF-8 bytes (a UTF-8 byte-order mark is skipped); fields are UTF-8 spans.
            using var reader = CsvHelper.CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', HasHeader = true, TrackLineNumbers = true });
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    checksum += System.Text.Encoding.UTF8.GetCharCount(reader.GetSpan(i)); // in chars, as the others count
                }

                lastLine = reader.LineNumber; // the physical line the record starts on
                rows++;
            }

            break;
        }

        case "sylvan":
        {
            using var reader = Sylvan.Data.Csv.CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    checksum += reader.GetFieldSpan(i).Length;
                }

                lastLine = reader.RowNumber; // a record number: Sylvan has no physical line
                rows++;
            }

            break;
        }

        default:
            throw new ArgumentException($"unknown library {args[0]}");
    }
}

Console.WriteLine($"{args[0]}: {rows} rows, checksum {checksum}, last row's line {lastLine}");

static void Write(string library, string input, string output)
{
    var records = new List<string[]>();
    using (var text = new StreamReader(input, detectEncodingFromByteOrderMarks: true))
    using (var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, HasHeader = false }).From(text))
    {
        foreach (var row in reader)
        {
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            records.Add(fields);
        }
    }

    using var writer = new StreamWriter(output) { NewLine = "\n" };
    switch (library)
    {
        case "sep":
        {
            using var sep = Sep.Writer(o => o with { Sep = new Sep(','), WriteHeader = false, Escape = true }).To(writer, leaveOpen: true);
            foreach (var record in records)
            {
                using var row = sep.NewRow();
                for (var i = 0; i < record.Length; i++)
                {
                    row[i].Set(record[i]);
                }
            }

            break;
        }

        case "csvhelper":
        {
            using var csv = CsvHelper.CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, true);
            foreach (var record in records)
            {
                foreach (var field in record)
                {
                    csv.WriteField(field.AsSpan());
                }

                csv.EndRecord();
            }

            break;
        }

        case "sylvan":
        {
            using var csv = Sylvan.Data.Csv.CsvDataWriter.Create(writer, new CsvDataWriterOptions { NewLine = "\n" });
            var table = new System.Data.DataTable();
            foreach (var name in records[0])
            {
                table.Columns.Add(name);
            }

            foreach (var record in records.Skip(1))
            {
                table.Rows.Add(record);
            }

            csv.Write(table.CreateDataReader());
            break;
        }
    }
}
