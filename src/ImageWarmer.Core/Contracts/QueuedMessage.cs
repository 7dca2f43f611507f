namespace ImageWarmer.Core.Contracts;

/// <summary>A message as it was received: its raw text (base64 when well-formed), and what completing or delaying it needs.</summary>
public sealed record QueuedMessage(string Id, string PopReceipt, long DequeueCount, string RawText)
{
    /// <summary>The text the Functions host would hand the function (base64-decoded), or null when it is not base64:
    /// the host would not decode it either.</summary>
    public string? DecodedText
    {
        get
        {
            var bytes = new byte[RawText.Length];
            return Convert.TryFromBase64String(RawText, bytes, out var written) ? System.Text.Encoding.UTF8.GetString(bytes, 0, written) : null;
        }
    }
}
