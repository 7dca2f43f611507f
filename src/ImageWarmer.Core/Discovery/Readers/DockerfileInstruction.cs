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
}
