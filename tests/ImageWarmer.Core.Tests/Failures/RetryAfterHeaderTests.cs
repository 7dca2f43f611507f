using System.Net;
using ImageWarmer.Core.Failures;

namespace ImageWarmer.Core.Tests.Failures;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30", 30)]
    [InlineData(" 5 ", 5)]
    [InlineData("0", 0)]
    [InlineData("-7", 0)]
    [InlineData("Sun, 29 Nov 2026 12:01:00 GMT", 60)]
    [InlineData("Sun, 29 Nov 2026 11:00:00 GMT", 0)]
    public void Parse_SecondsOrDate_NeverNegative(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    public void Parse_AbsentOrUnreadable_Null(string? value) => Assert.Null(RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void From_Response_ReadsTheHeader()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "Sun, 29 Nov 2026 12:00:10 GMT");

        Assert.Equal(TimeSpan.FromSeconds(10), RetryAfterHeader.From(response, Now));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(RetryAfterHeader.From(none, Now));
    }
}
