using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ImageWarmer.Core.Failures;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>
/// Calls ARM <c>importImage</c> through an Azure.Core pipeline (the one Azure.ResourceManager uses: bearer token from
/// a <see cref="TokenCredential"/>) and follows the long-running operation: <c>202</c> with <c>Location</c> (and maybe
/// <c>Retry-After</c>), polled until it is done or failed. Transient answers and rate limits are retried after their
/// <c>Retry-After</c>. See https://learn.microsoft.com/rest/api/containerregistry/registries/import-image.
/// </summary>
public sealed class AcrImportClient(HttpPipeline pipeline, IOptions<AcrImportOptions> options, TimeProvider time)
{
    /// <summary>A pipeline with ARM auth over <paramref name="credential"/>; <paramref name="transport"/> replaces HTTP in tests.</summary>
    public static HttpPipeline CreatePipeline(TokenCredential credential, Uri armEndpoint, HttpPipelineTransport? transport = null)
    {
        var clientOptions = new ArmPipelineOptions();
        // Retries are ours (they honour Retry-After on our clock); Azure.Core's would wait on its own.
        clientOptions.Retry.MaxRetries = 0;
        if (transport is not null)
        {
            clientOptions.Transport = transport;
        }
        return HttpPipelineBuilder.Build(clientOptions,
            new BearerTokenAuthenticationPolicy(credential, new Uri(armEndpoint, "/.default").ToString()));
    }

    /// <summary>The settings this client calls ARM with.</summary>
    public AcrImportOptions Settings => options.Value;

    /// <summary>Runs one import to its end.</summary>
    /// <returns>True when imported; false when the target tag already existed (a NoForce conflict: another worker won).</returns>
    /// <exception cref="ImportFailedException">ARM refused the import, it failed, or it did not finish in time.</exception>
    public async Task<bool> ImportAsync(AcrImportRequest body, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var resourceId = settings.RegistryResourceId
            ?? throw new ConfigurationException("ImageWarmer:AcrImport:RegistryResourceId is not set: the acr-import importer needs the registry's ARM id");
        var what = $"ACR import of {string.Join(", ", body.TargetTags)}";
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var uri = new Uri(settings.ArmEndpoint, $"{resourceId.TrimEnd('/')}/importImage?api-version={settings.ApiVersion}");
            var reply = await SendAsync(what, RequestMethod.Post, uri, JsonSerializer.SerializeToUtf8Bytes(body, AcrImportJson.Default.AcrImportRequest), deadline.Token);
            var poll = reply.Location;
            while (reply.IsRunning)
            {
                poll = reply.Location ?? poll ?? throw new ImportFailedException(FailureKind.Refused, $"{what}: ARM accepted it but gave no Location to poll");
                await Task.Delay(reply.RetryAfter ?? settings.PollInterval, time, deadline.Token);
                reply = await SendAsync(what, RequestMethod.Get, poll, null, deadline.Token);
            }
            if (reply.IsSucceeded)
            {
                return true;
            }
            if (reply.IsTagConflict)
            {
                return false;
            }
            throw new ImportFailedException(reply.FailureKind, $"{what} failed: {reply.Describe()}", retryAfter: reply.RetryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportFailedException(FailureKind.Transient, $"{what} did not finish within {settings.Timeout}");
        }
    }

    // One request, sent again while ARM answers with a transient failure or a rate limit (after its Retry-After, or a
    // growing wait). A broken connection or a per-try timeout is retried for the poll (a GET: idempotent); for the POST
    // it fails this image, as a transient failure, since whether ARM started the import is unknown.
    private async Task<ArmReply> SendAsync(string what, RequestMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        var maxAttempts = Math.Max(1, options.Value.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            using var message = pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            if (body is not null)
            {
                message.Request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
                message.Request.Content = RequestContent.Create(body);
            }
            try
            {
                await pipeline.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken))
            {
                if (method == RequestMethod.Get && attempt < maxAttempts)
                {
                    await Task.Delay(Backoff(attempt), time, cancellationToken);
                    continue;
                }
                throw new ImportFailedException(FailureKind.Transient, $"{what}: {method} {uri.AbsolutePath} failed after {attempt} tries: {e.Message}", e);
            }
            var reply = ArmReply.From(message.Response, uri, time.GetUtcNow());
            var kind = HttpFailures.KindOf(reply.Status);
            if (reply.Status >= 400 && kind is FailureKind.Transient or FailureKind.RateLimited && attempt < maxAttempts)
            {
                await Task.Delay(reply.RetryAfter ?? Backoff(attempt), time, cancellationToken);
                continue;
            }
            return reply;
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt));

    // Azure.Core reports a broken connection as RequestFailedException with status 0, and its per-try network timeout
    // as a cancellation the caller did not ask for.
    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException { Status: 0 } => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        _ => false,
    };

    private sealed class ArmPipelineOptions : ClientOptions;
}
