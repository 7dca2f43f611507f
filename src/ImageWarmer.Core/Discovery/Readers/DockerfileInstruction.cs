namespace ImageWarmer.Core.Discovery.Readers;

/// <summary>One Dockerfile instruction after line continuations are joined: its first line, keyword and arguments.</summary>
public sealed record DockerfileInstruction(int Line, string Keyword, string Arguments)
{
    /// <summary>Where the joined text comes from in the file, piece by piece.</summary>
    public IReadOnlyList<TextPiece> Pieces { get; init; } = [];

    /// <summary>Where <see cref="Arguments"/> starts in the joined text.</summary>
    public int ArgumentsAt { get; init; }

    /// <summary>The file offset of <see cref="Arguments"/>[<paramref name="index"/>..+<paramref name="length"/>], or null
    /// when that text is not one unbroken run of the file (it spans a line continuation).</summary>
    public int? OffsetOf(int index, int length)
    {
        var joined = ArgumentsAt + index;
        foreach (var piece in Pieces)
        {
            if (joined >= piece.Joined && joined + length <= piece.Joined + piece.Length)
            {
                return piece.Original + (joined - piece.Joined);
            }
        }
        return null;
    }

    /// <summary>The words of <see cref="Arguments"/> (split at blanks) with where each starts in it.</summary>
    public IEnumerable<(string Text, int Index)> Words()
    {
        for (var i = 0; i < Arguments.Length;)
        {
            if (Arguments[i] is ' ' or '\t')
            {
                i++;
                continue;
            }
            var start = i;
            while (i < Arguments.Length && Arguments[i] is not (' ' or '\t'))
            {
                i++;
            }
            yield return (Arguments[start..i], start);
        }
    }

    /// <summary>The instruction's flags (<c>--name=value</c> words before its first other word): each flag's name, value
    /// (unquoted) and where the value starts in <see cref="Arguments"/>. A flag without a value is left out.</summary>
    public IEnumerable<(string Name, string Value, int Index)> Flags()
    {
        foreach (var (word, index) in Words().TakeWhile(w => w.Text.StartsWith("--", StringComparison.Ordinal)))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }
            var value = word[(equals + 1)..];
            var quoted = value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0];
            yield return (word[2..equals], quoted ? value[1..^1] : value, index + equals + (quoted ? 2 : 1));
        }
    }
}
