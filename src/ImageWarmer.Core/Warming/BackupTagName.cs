using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ImageWarmer.Core.Warming;

/// <summary>The backup tag a template names (<see cref="WarmingOptions.BackupTag"/>, <c>{tag}-prev-{yyyyMMdd}</c>):
/// <c>{tag}</c> is the tag that moves, any other <c>{…}</c> a .NET date format of the time, in UTC.</summary>
public static class BackupTagName
{
    /// <summary>Whether <paramref name="template"/> can name backups: it must hold <c>{tag}</c> (else every tag of a
    /// repository would share one backup) and close every brace.</summary>
    public static bool IsValidTemplate(string? template) =>
        string.IsNullOrEmpty(template)
        || (template.Contains("{tag}", StringComparison.Ordinal) && TryFormat(template, "t", DateTimeOffset.UnixEpoch, out _, out _));

    /// <summary>The backup tag of <paramref name="tag"/> at <paramref name="now"/>.</summary>
    public static bool TryFormat(string template, string tag, DateTimeOffset now, [NotNullWhen(true)] out string? backup, [NotNullWhen(false)] out string? error)
    {
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                text.Append(template[i]);
                continue;
            }
            var close = template.IndexOf('}', i);
            if (close < 0)
            {
                (backup, error) = (null, $"'{template}' opens a brace it does not close");
                return false;
            }
            var field = template[(i + 1)..close];
            try
            {
                text.Append(field == "tag" ? tag : now.UtcDateTime.ToString(field, CultureInfo.InvariantCulture));
            }
            catch (FormatException e)
            {
                (backup, error) = (null, $"'{{{field}}}' in '{template}' is not a date format: {e.Message}");
                return false;
            }
            i = close;
        }
        (backup, error) = (text.ToString(), null);
        return true;
    }
}
