namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// One entity of Azure Table storage: its keys, its ETag and its properties by column name. Values are the Table
/// service's types as .NET values: <c>string</c>, <c>int</c> (Edm.Int32), <c>long</c> (Edm.Int64), <c>double</c>,
/// <c>bool</c>, <c>DateTimeOffset</c> (Edm.DateTime), <c>Guid</c> and <c>byte[]</c> (Edm.Binary). A null value is not
/// stored (the service has no nulls: the column is simply absent). The get/set-by-name surface is the one
/// Azure.Data.Tables' <c>TableEntity</c> has, so a mapping written against either reads the same.
/// See https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model.
/// </summary>
public sealed class TableRow(string partitionKey, string rowKey)
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>The partition key.</summary>
    public string PartitionKey { get; } = partitionKey;

    /// <summary>The row key.</summary>
    public string RowKey { get; } = rowKey;

    /// <summary>The ETag the service last gave this row (null for a row not read from the service): an update with
    /// it succeeds only if nobody wrote the row since.</summary>
    public string? ETag { get; set; }

    /// <summary>When the service last wrote the row (read only; never sent).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The value of column <paramref name="name"/>, or null when the row has none.</summary>
    public object? this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => _values[name] = value;
    }

    /// <summary>The columns with a value, in the order they were set.</summary>
    public IEnumerable<KeyValuePair<string, object>> Values =>
        _values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value!));

    /// <summary>The column as a string, or null when absent or of another type.</summary>
    public string? GetString(string name) => this[name] as string;

    /// <summary>The column as a 32-bit integer (an Int64 that fits is taken too), or null.</summary>
    public int? GetInt32(string name) => this[name] switch
    {
        int value => value,
        long value when value is >= int.MinValue and <= int.MaxValue => (int)value,
        _ => null,
    };

    /// <summary>The column as a 64-bit integer (an Int32 is taken too), or null.</summary>
    public long? GetInt64(string name) => this[name] switch
    {
        long value => value,
        int value => value,
        _ => null,
    };

    /// <summary>The column as a point in time, or null.</summary>
    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] switch
    {
        DateTimeOffset value => value,
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        _ => null,
    };
}
