using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ImageWarmer.Infra.Tests;

/// <summary>
/// Evaluates the ARM template expressions the tests need (conditions, names, settings) for given parameter values,
/// so a test can say what a deployment would do instead of matching expression text. Covers the functions our
/// templates use; <c>uniqueString</c> stands in with a fixed 13-character value of the same alphabet, since only
/// the shape of a name matters here.
/// </summary>
internal sealed class ArmExpression(JsonElement template, IReadOnlyDictionary<string, object?> parameters)
{
    public const string UniqueStringStandIn = "x2b7k4m9q3z5w";

    private string _text = "";
    private int _at;

    /// <summary>The value of <paramref name="value"/>: an expression in <c>[…]</c>, or a JSON literal.</summary>
    public object? Evaluate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Evaluate(value.GetString()!),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.Null => null,
        _ => value,
    };

    /// <summary>The value of a template string: an expression when it is in <c>[…]</c>, else the string itself.</summary>
    public object? Evaluate(string text)
    {
        if (!text.StartsWith('[') || text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text;
        }
        var (savedText, savedAt) = (_text, _at);
        (_text, _at) = (text[1..^1], 0);
        try
        {
            var result = Expression();
            Assert.True(_at == _text.Length, $"unread expression text at {_at}: {_text}");
            return result;
        }
        finally
        {
            (_text, _at) = (savedText, savedAt);
        }
    }

    /// <summary>Whether a resource would be deployed: its <c>condition</c> holds, or it has none.</summary>
    public bool Deploys(JsonElement resource) => !resource.TryGetProperty("condition", out var condition) || (bool)Evaluate(condition)!;

    private object? Expression()
    {
        Skip();
        object? value;
        if (Peek() == '\'')
        {
            value = StringLiteral();
        }
        else if (char.IsDigit(Peek()) || Peek() == '-')
        {
            var start = _at++;
            while (_at < _text.Length && char.IsDigit(_text[_at]))
            {
                _at++;
            }
            value = long.Parse(_text[start.._at], CultureInfo.InvariantCulture);
        }
        else
        {
            var name = Identifier();
            Expect('(');
            var arguments = new List<Func<object?>>();
            Skip();
            while (Peek() != ')')
            {
                var start = _at;
                SkipArgument();
                var argument = _text[start.._at];
                arguments.Add(() => Evaluate($"[{argument}]"));
                Skip();
                if (Peek() == ',')
                {
                    _at++;
                }
                Skip();
            }
            Expect(')');
            value = Call(name, arguments);
        }
        while (_at < _text.Length && Peek() == '.')
        {
            _at++;
            var property = Identifier();
            value = value switch
            {
                JsonElement json => json.GetProperty(property),
                IReadOnlyDictionary<string, object?> map => map[property],
                _ => throw new InvalidOperationException($"no property {property} on {value}"),
            };
        }
        return value is JsonElement element && element.ValueKind != JsonValueKind.Object ? Evaluate(element) : value;
    }

    private object? Call(string name, List<Func<object?>> arguments)
    {
        object? Arg(int i) => arguments[i]();
        string Text(int i) => Convert.ToString(Arg(i), CultureInfo.InvariantCulture) ?? "";
        return name.ToLowerInvariant() switch
        {
            "parameters" => Parameter(Text(0)),
            "variables" => template.GetProperty("variables").GetProperty(Text(0)) is var v && v.ValueKind == JsonValueKind.Object ? v : Evaluate(v),
            "true" => true,
            "false" => false,
            "null" => null,
            "and" => arguments.All(a => (bool)a()!),
            "or" => arguments.Any(a => (bool)a()!),
            "not" => !(bool)Arg(0)!,
            "if" => (bool)Arg(0)! ? Arg(1) : Arg(2),
            "equals" => Equals(Arg(0), Arg(1)),
            "greater" => Convert.ToInt64(Arg(0), CultureInfo.InvariantCulture) > Convert.ToInt64(Arg(1), CultureInfo.InvariantCulture),
            "empty" => Arg(0) is null or "" || (Arg(0) is JsonElement { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == 0),
            "tolower" => Text(0).ToLowerInvariant(),
            "replace" => Text(0).Replace(Text(1), Text(2), StringComparison.Ordinal),
            "take" => Text(0)[..Math.Min(Text(0).Length, (int)Convert.ToInt64(Arg(1), CultureInfo.InvariantCulture))],
            "concat" => string.Concat(arguments.Select(a => Convert.ToString(a(), CultureInfo.InvariantCulture))),
            "string" => Arg(0) is bool b ? (b ? "True" : "False") : Text(0),
            "format" => string.Format(CultureInfo.InvariantCulture, Text(0), [.. arguments.Skip(1).Select(a => a())]),
            "uniquestring" => UniqueStringStandIn,
            "resourcegroup" => new Dictionary<string, object?> { ["id"] = "/subscriptions/s/resourceGroups/rg", ["name"] = "rg", ["location"] = "westeurope" },
            "subscriptionresourceid" => $"/subscriptions/s/providers/{Text(0)}/{Text(1)}",
            _ => throw new NotSupportedException($"ARM function {name} is not evaluated by the tests"),
        };
    }

    private object? Parameter(string name)
    {
        if (parameters.TryGetValue(name, out var value))
        {
            return value;
        }
        var declared = template.GetProperty("parameters").GetProperty(name);
        Assert.True(declared.TryGetProperty("defaultValue", out var defaultValue), $"parameter {name} has no value and no default");
        return Evaluate(defaultValue);
    }

    private string StringLiteral()
    {
        var text = new StringBuilder();
        _at++;
        while (true)
        {
            if (_text[_at] == '\'' && _at + 1 < _text.Length && _text[_at + 1] == '\'')
            {
                text.Append('\'');
                _at += 2;
            }
            else if (_text[_at] == '\'')
            {
                _at++;
                return text.ToString();
            }
            else
            {
                text.Append(_text[_at++]);
            }
        }
    }

    // Moves past one argument: up to the comma or parenthesis that closes it, minding strings and nesting.
    private void SkipArgument()
    {
        for (var depth = 0; _at < _text.Length; _at++)
        {
            switch (_text[_at])
            {
                case '\'':
                    StringLiteral();
                    _at--;
                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']' when depth == 0:
                    return;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return;
            }
        }
    }

    private string Identifier()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }
        Assert.True(_at > start, $"expected a name at {start}: {_text}");
        return _text[start.._at];
    }

    private void Expect(char c)
    {
        Skip();
        Assert.True(Peek() == c, $"expected '{c}' at {_at}: {_text}");
        _at++;
    }

    private char Peek() => _text[_at];

    private void Skip()
    {
        while (_at < _text.Length && _text[_at] == ' ')
        {
            _at++;
        }
    }
}
