using System.Globalization;
using System.Text.Json;

namespace ImageWarmer.Core.Storage.Tables;

/// <summary>
/// A <see cref="TableRow"/> as the Table service's JSON (<c>odata=minimalmetadata</c>): strings, 32-bit integers,
/// doubles and booleans as plain JSON; every other type as a string with a <c>Name@odata.type</c> annotation
/// (Edm.DateTime, Edm.Int64, Edm.Guid, Edm.Binary). Written and read with the JSON reader and writer, no reflection.
/// See https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations.
/// </summary>
internal static class TableRowJson
{
    private const string TypeSuffix = "@odata.type";

    /// <summary>Writes <paramref name="row"/> as one JSON object, its keys included.</summary>
    public static void Write(Utf8JsonWriter json, TableRow row)
    {
        json.WriteStartObject();
        json.WriteString("PartitionKey", row.PartitionKey);
        json.WriteString("RowKey", row.RowKey);
        foreach (var (name, value) in row.Values)
        {
            switch (value)
            {
                case string text: json.WriteString(name, text); break;
                case int number: json.WriteNumber(name, number); break;
                case bool flag: json.WriteBoolean(name, flag); break;
                case double number:
                    json.WriteNumber(name, number);
                    json.WriteString(name + TypeSuffix, "Edm.Double");
                    break;
                case long number: Annotated(json, name, "Edm.Int64", number.ToString(CultureInfo.InvariantCulture)); break;
                case DateTimeOffset at: Annotated(json, name, "Edm.DateTime", Format(at)); break;
                case DateTime at: Annotated(json, name, "Edm.DateTime", Format(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)))); break;
                case Guid id: Annotated(json, name, "Edm.Guid", id.ToString("D")); break;
                case byte[] bytes: Annotated(json, name, "Edm.Binary", Convert.ToBase64String(bytes)); break;
                default: throw new ArgumentException($"column {name}: a {value.GetType().Name} is not a Table storage type", nameof(row));
            }
        }
        json.WriteEndObject();
    }

    /// <summary>The row an entity object of a response describes; <paramref name="etag"/> when the object has none.</summary>
    public static TableRow Read(JsonElement entity, string? etag = null)
    {
        var row = new TableRow(entity.GetProperty("PartitionKey").GetString() ?? "", entity.GetProperty("RowKey").GetString() ?? "")
        {
            ETag = entity.TryGetProperty("odata.etag", out var tag) ? tag.GetString() : etag,
        };
        foreach (var property in entity.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            // The service's own Timestamp is a DateTime whether annotated or not (Azurite leaves it plain).
            var type = entity.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString()
                : name == "Timestamp" ? "Edm.DateTime" : null;
            var value = ValueOf(property.Value, type);
            if (name == "Timestamp")
            {
                row.Timestamp = value as DateTimeOffset?;
                continue;
            }
            row[name] = value;
        }
        return row;
    }

    private static object? ValueOf(JsonElement value, string? type) => (type, value.ValueKind) switch
    {
        (_, JsonValueKind.Null) => null,
        ("Edm.DateTime", _) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        ("Edm.Int64", JsonValueKind.String) => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        ("Edm.Int64", _) => value.GetInt64(),
        ("Edm.Guid", _) => Guid.Parse(value.GetString()!),
        ("Edm.Binary", _) => Convert.FromBase64String(value.GetString()!),
        ("Edm.Double", JsonValueKind.String) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture), // NaN, Infinity
        ("Edm.Double", _) => value.GetDouble(),
        (_, JsonValueKind.String) => value.GetString(),
        (_, JsonValueKind.True) => true,
        (_, JsonValueKind.False) => false,
        (_, JsonValueKind.Number) => value.TryGetInt32(out var number) ? (object)number : value.GetDouble(),
        _ => throw new JsonException($"a {value.ValueKind} is not a Table storage value"),
    };

    private static void Annotated(Utf8JsonWriter json, string name, string type, string value)
    {
        json.WriteString(name, value);
        json.WriteString(name + TypeSuffix, type);
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
