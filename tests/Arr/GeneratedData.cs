using System.Globalization;
using Workbook.Arr;
using Workbook.Core;

namespace Workbook.Tests.Arr;

/// <summary>Reads generated challenge files back into test records (for the naive implementation and the shape checks).</summary>
internal static class GeneratedData
{
    public static ArrData Read(string folder)
    {
        var accounts = Rows(Path.Combine(folder, ArrInputs.AccountsFile), r => new TestAccount(r.GetString(0), r.GetString(1), r.GetString(2)));
        var subscriptions = Rows(Path.Combine(folder, ArrInputs.SubscriptionsFile), r => new TestSubscription(r.GetString(0), r.GetString(1), r.GetDate(2), r.GetDate(3)));
        var items = Rows(Path.Combine(folder, ArrInputs.ItemsFile), r => new TestItem(
            r.GetString(0), r.GetString(1), int.Parse(r.GetString(3), CultureInfo.InvariantCulture), int.Parse(r.GetString(4), CultureInfo.InvariantCulture), r.GetDecimal(5), r.GetDate(6), r.GetDate(7)));
        return new ArrData(accounts, subscriptions, items);
    }

    private static List<T> Rows<T>(string path, Func<CsvReader, T> read)
    {
        using var reader = CsvReader.Open(path);
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
