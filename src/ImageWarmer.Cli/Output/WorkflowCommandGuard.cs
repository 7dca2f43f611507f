using System.Text;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Cli.Output;

/// <summary>
/// The last guard between ImageWarmer and a CI runner's log: a writer that looks at the start of every line before it
/// passes, and breaks up a runner command there (<c>::error::</c>, which GitHub reads after leading whitespace; see
/// <see cref="InertText.NotACommand"/>). ImageWarmer writes no such command itself, so whatever would start one came
/// from outside. A line is held only until its first character that is neither whitespace nor <c>:</c> or <c>#</c>;
/// the rest of it passes as it comes.
/// </summary>
internal sealed class WorkflowCommandGuard(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    private readonly StringBuilder _start = new();
    private readonly Lock _lock = new();
    private bool _decided;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        lock (_lock)
        {
            Take(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        lock (_lock)
        {
            foreach (var c in value ?? "")
            {
                Take(c);
            }
        }
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_lock)
        {
            // What could still become a command ("  :") waits for its next character; everything else goes out.
            inner.Flush();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                inner.Write(_start.ToString());
                _start.Clear();
                inner.Flush();
            }
        }
        base.Dispose(disposing);
    }

    private void Take(char c)
    {
        if (_decided)
        {
            inner.Write(c);
            _decided = c != '\n';
            return;
        }
        _start.Append(c);
        if (c == '\n' || !(char.IsWhiteSpace(c) || c is ':' or '#'))
        {
            inner.Write(InertText.NotACommand(_start.ToString()));
            _start.Clear();
            _decided = c != '\n';
        }
    }
}
