using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>
/// The global build arguments of a Dockerfile (<c>ARG</c>s before the first <c>FROM</c>) and the variable
/// substitution FROM lines get: <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:+alternative}</c>.
/// An argument declared without a default has no value: a FROM that needs it cannot be resolved from the file.
/// </summary>
public sealed class BuildArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    /// <summary>Declares the arguments of one <c>ARG</c> instruction (<c>A</c>, <c>A=1</c>, <c>A="x y" B=2</c>).</summary>
    /// <returns>False with the name when a default refers to an argument that has no value.</returns>
    public bool TryDeclare(string arguments, [NotNullWhen(false)] out string? unresolved)
    {
        unresolved = null;
        foreach (var word in SplitWords(arguments))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                _values.TryAdd(word, null);
                continue;
            }
            var name = word[..equals];
            if (!TrySubstitute(Unquote(word[(equals + 1)..]), out var value, out var missing))
            {
                unresolved ??= missing;
                _values[name] = null;
                continue;
            }
            _values[name] = value;
        }
        return unresolved is null;
    }

    /// <summary>Expands the variables in <paramref name="text"/>; on failure names the first one without a value.</summary>
    public bool TrySubstitute(string text, [NotNullWhen(true)] out string? result, [NotNullWhen(false)] out string? unresolved)
    {
        var output = new StringBuilder(text.Length);
        result = null;
        unresolved = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                output.Append('$');
                i++;
            }
            else if (c != '$' || i + 1 == text.Length)
            {
                output.Append(c);
            }
            else if (text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    unresolved = text[i..];
                    return false;
                }
                if (!TryExpandBraced(text[(i + 2)..close], out var value, out unresolved))
                {
                    return false;
                }
                output.Append(value);
                i = close;
            }
            else if (IsNameStart(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end]))
                {
                    end++;
                }
                var name = text[(i + 1)..end];
                if (_values.GetValueOrDefault(name) is not { } value)
                {
                    unresolved = name;
                    return false;
                }
                output.Append(value);
                i = end - 1;
            }
            else
            {
                output.Append(c);
            }
        }
        result = output.ToString();
        return true;
    }

    private bool TryExpandBraced(string expression, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? unresolved)
    {
        unresolved = null;
        var modifier = expression.IndexOf(':', StringComparison.Ordinal);
        var name = modifier < 0 ? expression : expression[..modifier];
        var current = _values.GetValueOrDefault(name);
        if (modifier >= 0 && modifier + 1 < expression.Length)
        {
            var word = expression[(modifier + 2)..];
            switch (expression[modifier + 1])
            {
                case '-':
                    return string.IsNullOrEmpty(current) ? TrySubstitute(word, out value, out unresolved) : (value = current) is not null;
                case '+':
                    if (string.IsNullOrEmpty(current))
                    {
                        value = "";
                        return true;
                    }
                    return TrySubstitute(word, out value, out unresolved);
            }
        }
        value = current;
        if (value is null)
        {
            unresolved = name;
            return false;
        }
        return true;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    // Splits on whitespace outside quotes: ARG A="x y" B=2 is two words.
    private static IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else
            {
                quote = c is '"' or '\'' ? c : '\0';
                word.Append(c);
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
