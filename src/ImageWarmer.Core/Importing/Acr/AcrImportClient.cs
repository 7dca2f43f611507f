using System.Net;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace ImageWarmer.Core.Importing.Acr;

/// <summary>
/// Calls ARM <c>importImage</c> through an Azure.Core pipeline (the one Azure.ResourceManager uses: bearer token from
/// a <see cref="TokenCredential"/>) and follows the long-running operation: <c>202</c> with <c>Location</c> and
/// <c>Retry-After</c>, polled until <c>200</c> or an error. 429 and 5xx are retried after their <c>Retry-After</c>.
/// See https://learn.microsoft.com/rest/api/containerregistry/registries/import-image.
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

    /// <summary>Runs one import to its end.</summary>
    /// <returns>True when imported; false when the target tag already existed (a NoForce conflict: another worker won).</returns>
    /// <exception cref="ImportFailedException">ARM refused the import, it failed, or it did not finish in time.</exception>
    public async Task<bool> ImportAsync(AcrImportRequest body, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var resourceId = settings.RegistryResourceId
            ?? throw new InvalidOperationException("ImageWarmer:AcrImport:RegistryResourceId is not set: the acr-import importer needs the registry's ARM id");
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var uri = new Uri(settings.ArmEndpoint, $"{resourceId.TrimEnd('/')}/importImage?api-version={settings.ApiVersion}");
            var (status, location, retryAfter, error) = await SendAsync(RequestMethod.Post, uri, JsonSerializer.SerializeToUtf8Bytes(body, AcrImportJson.Default.AcrImportRequest), deadline.Token);
            while (true)
            {
                switch (status)
                {
                    case HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent when error is null:
                        return true;
                    case HttpStatusCode.Accepted:
                        var poll = location ?? throw new ImportFailedException("ARM accepted the import but gave no Location to poll");
                        await Task.Delay(retryAfter ?? settings.PollInterval, time, deadline.Token);
                        (status, var next, retryAfter, error) = await SendAsync(RequestMethod.Get, poll, null, deadline.Token);
                        location = next ?? poll;
                        continue;
                    default:
                        if (error?.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true)
                        {
                            return false;
                        }
                        throw new ImportFailedException($"ACR import of {string.Join(", ", body.TargetTags)} failed: {(int)status} {error?.Code}: {error?.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportFailedException($"ACR import of {string.Join(", ", body.TargetTags)} did not finish within {settings.Timeout}");
        }
    }

    // One request, retried on 429 and 5xx after Retry-After (or a growing wait).
    private async Task<(HttpStatusCode Status, Uri? Location, TimeSpan? RetryAfter, ArmError? Error)> SendAsync(
        RequestMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
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
            await pipeline.SendAsync(message, cancellationToken);
            var response = message.Response;
            var status = (HttpStatusCode)response.Status;
            var retryAfter = RetryAfter(response);
            if ((status == HttpStatusCode.TooManyRequests || response.Status >= 500) && attempt < options.Value.MaxAttempts)
            {
                await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt)), time, cancellationToken);
                continue;
            }
            var location = response.Headers.TryGetValue("Azure-AsyncOperation", out var operation) || response.Headers.TryGetValue("Location", out operation)
                ? new Uri(uri, operation)
                : null;
            return (StatusOf(status, response, out var error), location, retryAfter, error);
        }
    }

    // An Azure-AsyncOperation body says {"status":"InProgress|Succeeded|Failed","error":{…}}; a failure body {"error":{…}}.
    private static HttpStatusCode StatusOf(HttpStatusCode status, Response response, out ArmError? error)
    {
        error = null;
        if (response.Content.ToMemory().Length == 0)
        {
            return status;
        }
        try
        {
            var body = response.Content.ToObjectFromJson(AcrImportJson.Default.ArmResponse);
            error = body?.Error;
            return body?.Status switch
            {
                "InProgress" or "Running" or "Accepted" => HttpStatusCode.Accepted,
                "Failed" or "Canceled" => HttpStatusCode.Conflict,
                _ => status,
            };
        }
        catch (JsonException)
        {
            return status;
        }
    }

    private TimeSpan? RetryAfter(Response response)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }
        if (int.TryParse(value, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(value, out var date) ? date - time.GetUtcNow() : null;
    }

    private sealed class ArmPipelineOptions : ClientOptions;
}
