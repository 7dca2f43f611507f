using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using ImageWarmer.Core.Failures;
using ImageWarmer.Core.Importing;
using ImageWarmer.Core.Registry;
using ImageWarmer.Core.Registry.Traffic;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Tests.Failures;

public sealed class FailureTests
{
    [Theory]
    [InlineData(401, FailureKind.Unauthorized)]
    [InlineData(403, FailureKind.Unauthorized)]
    [InlineData(404, FailureKind.NotFound)]
    [InlineData(408, FailureKind.Transient)]
    [InlineData(429, FailureKind.RateLimited)]
    [InlineData(500, FailureKind.Transient)]
    [InlineData(502, FailureKind.Transient)]
    [InlineData(503, FailureKind.Transient)]
    [InlineData(400, FailureKind.Refused)]
    [InlineData(405, FailureKind.Refused)]
    [InlineData(409, FailureKind.Refused)]
    public void HttpKindOf_Status_Kind(int status, FailureKind expected) => Assert.Equal(expected, HttpFailures.KindOf(status));

    [Theory]
    [InlineData(403, "TOOMANYREQUESTS", FailureKind.RateLimited)]
    [InlineData(400, "MANIFEST_UNKNOWN", FailureKind.NotFound)]
    [InlineData(400, "NAME_UNKNOWN", FailureKind.NotFound)]
    [InlineData(400, "BLOB_UNKNOWN", FailureKind.NotFound)]
    [InlineData(401, "UNAUTHORIZED", FailureKind.Unauthorized)]
    [InlineData(400, "MANIFEST_INVALID", FailureKind.Refused)]
    public void HttpKindOf_OciErrorCode_RefinesTheStatus(int status, string code, FailureKind expected) =>
        Assert.Equal(expected, HttpFailures.KindOf(status, [code]));

    [Fact]
    public void KindOf_EachExceptionTheCodeMeets_MappedOnce()
    {
        Assert.Equal(FailureKind.Transient, Failure.KindOf(new HttpRequestException("reset", new SocketException())));
        Assert.Equal(FailureKind.Transient, Failure.KindOf(new IOException("broken pipe")));
        Assert.Equal(FailureKind.Transient, Failure.KindOf(new TimeoutException()));
        Assert.Equal(FailureKind.Transient, Failure.KindOf(new TaskCanceledException("HttpClient.Timeout")));
        Assert.Null(Failure.KindOf(new OperationCanceledException(), new CancellationToken(canceled: true)));
        Assert.Equal(FailureKind.Unauthorized, Failure.KindOf(new RequestFailedException(403, "denied")));
        Assert.Equal(FailureKind.Transient, Failure.KindOf(new RequestFailedException(503, "busy")));
        Assert.Equal(FailureKind.Transient, Failure.KindOf(new RequestFailedException("no response")));
        Assert.Equal(FailureKind.Configuration, Failure.KindOf(new OptionsValidationException("x", typeof(object), ["bad"])));
        Assert.Equal(FailureKind.InvalidInput, Failure.KindOf(new JsonException()));
        Assert.Equal(FailureKind.RateLimited, Failure.KindOf(new RateLimitBudgetExhaustedException("h", "c", 3, TimeSpan.FromHours(2))));
        Assert.Equal(FailureKind.Integrity, Failure.KindOf(new DigestMismatchException("x")));
        Assert.Equal(FailureKind.NotFound, Failure.KindOf(new ImportFailedException(FailureKind.NotFound, "gone")));
        Assert.Equal(FailureKind.Refused, Failure.KindOf(new RegistryRequestException(HttpStatusCode.BadRequest, [], "no")));
        Assert.Null(Failure.KindOf(new NullReferenceException()));
    }

    [Fact]
    public void OfItem_ConfigurationCancellationAndBugs_EndTheRunInstead()
    {
        Assert.Null(Failure.OfItem(new ConfigurationException("no registry id")));
        Assert.Null(Failure.OfItem(new OperationCanceledException(), new CancellationToken(canceled: true)));
        Assert.Null(Failure.OfItem(new NullReferenceException()));
        Assert.Equal(FailureKind.NotFound, Failure.OfItem(new ImportFailedException(FailureKind.NotFound, "gone")));
    }

    [Fact]
    public void IsRetryable_OnlyTransient()
    {
        Assert.True(Failure.IsRetryable(FailureKind.Transient));
        Assert.All(Enum.GetValues<FailureKind>().Where(k => k != FailureKind.Transient), k => Assert.False(Failure.IsRetryable(k)));
        Assert.False(Failure.IsRetryable(null));
    }

    [Fact]
    public void RetryAfterOf_BudgetSaysWhenItResets()
    {
        var spent = new RateLimitBudgetExhaustedException("registry-1.docker.io", "anonymous", 3, TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(2), Failure.RetryAfterOf(spent));
        Assert.Equal(TimeSpan.Zero, Failure.RetryAfterOf(new RateLimitBudgetExhaustedException("h", "c", 0, TimeSpan.FromSeconds(-5))));
        Assert.Null(Failure.RetryAfterOf(new IOException()));
    }
}
