namespace Workbook.Core;

/// <summary>
/// The request itself cannot be carried out as asked, whatever the data says: an output that is one of the inputs, a
/// folder where a file is expected, a file that is not a database where one is to be replaced. The CLI reports it as
/// bad usage (exit code 2); the message names the path or the option.
/// </summary>
public sealed class UsageException(string message) : WorkbookException(message);
