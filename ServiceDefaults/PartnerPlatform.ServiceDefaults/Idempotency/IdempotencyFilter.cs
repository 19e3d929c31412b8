using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Marks an endpoint as idempotent; its request body is buffered so the filter can hash it.</summary>
public sealed class IdempotencyMetadata(bool required, bool storedByHandler = false, bool lookupFirst = true)
{
    /// <summary>A request without <c>Idempotency-Key</c> is a 400 CBC.0100 (otherwise it just runs).</summary>
    public bool Required { get; } = required;

    /// <summary>The handler writes the key in its own transaction (<see cref="IdempotentRequest"/>); no claim is held.</summary>
    public bool StoredByHandler { get; } = storedByHandler;

    /// <summary>
    /// With <see cref="StoredByHandler"/>: the key is looked up before the handler runs. When false,
    /// the handler's insert of the key is the only check (one round trip less per first request).
    /// </summary>
    public bool LookupFirst { get; } = lookupFirst;
}

/// <summary>
/// <c>Idempotency-Key</c> handling for one endpoint. Keys are scoped by caller (partner, else user)
/// and route; the request is identified by a SHA-256 of method, path, query and body. Only success
/// (2xx) responses are kept: after a failure the same key may be retried.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store) : IEndpointFilter
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<IdempotencyMetadata>();
        var required = metadata?.Required ?? true;
        var key = http.Request.Headers[IdempotencyOptions.HeaderName].ToString();
        if (key.Length == 0)
        {
            return required
                ? throw ApiException.InvalidField("idempotency_key", $"The {IdempotencyOptions.HeaderName} header is required.")
                : await next(context);
        }

        if (key.Length > IdempotencyOptions.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw ApiException.InvalidField(
                "idempotency_key",
                $"{IdempotencyOptions.HeaderName} must be 1 to {IdempotencyOptions.MaxKeyLength} visible ASCII characters.");
        }

        var hash = await HashRequestAsync(http.Request);
        if (metadata?.StoredByHandler == true)
        {
            return await InvokeStoredByHandlerAsync(context, next, ScopeOf(http), key, hash, metadata.LookupFirst);
        }

        await using var claim = await store.ClaimAsync(ScopeOf(http), key, hash, http.RequestAborted);
        if (claim.Outcome != IdempotencyOutcome.Owned)
        {
            return Answer(http, claim);
        }

        var result = await next(context);
        var response = await CaptureAsync(http, result);
        if (response.StatusCode is >= 200 and < 300)
        {
            await claim.CompleteAsync(response, CancellationToken.None);
        }

        return new StoredResponseResult(response, replayed: false);
    }

    /// <summary>
    /// One lookup (unless <paramref name="lookupFirst"/> is false), then the handler, which stores the
    /// key with its change. A request that loses the race for the key (its insert hits the first one's
    /// row, so its transaction rolled back) or fails while another request with the key succeeded
    /// answers what that request stored.
    /// </summary>
    private async ValueTask<object?> InvokeStoredByHandlerAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, string scope, string key, string hash, bool lookupFirst)
    {
        var http = context.HttpContext;
        if (lookupFirst && await store.LookupAsync(scope, key, hash, http.RequestAborted) is { } existing)
        {
            return Answer(http, existing);
        }

        for (var attempt = 1; ; attempt++)
        {
            var request = store.NewRequest(scope, key, hash, http);
            http.Features.Set(request);
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception ex) when (ex.IsKeyTaken())
            {
                if (await store.LookupAsync(scope, key, hash, CancellationToken.None) is { } stored)
                {
                    return Answer(http, stored);
                }

                // Without a lookup first, the handler's insert met a row that had expired, which the
                // lookup has just dropped: the key is free, so the handler runs once more.
                if (!lookupFirst && attempt == 1)
                {
                    continue;
                }

                return Answer(http, IdempotencyClaim.Busy);
            }
            catch (ApiException)
            {
                if (await store.LookupAsync(scope, key, hash, CancellationToken.None) is { } stored)
                {
                    return Answer(http, stored);
                }

                throw;
            }

            if (request.Stored is { } committed)
            {
                return new StoredResponseResult(committed, replayed: false);
            }

            var response = await CaptureAsync(http, result);
            if (response.StatusCode is >= 200 and < 300
                ? !await store.TryStoreAsync(request, response, CancellationToken.None)
                : await store.LookupAsync(scope, key, hash, CancellationToken.None) is not null)
            {
                ResetResponse(http);
                return Answer(http, await store.LookupAsync(scope, key, hash, CancellationToken.None) ?? IdempotencyClaim.Busy);
            }

            return new StoredResponseResult(response, replayed: false);
        }
    }

    private static object? Answer(HttpContext http, IdempotencyClaim existing)
    {
        switch (existing.Outcome)
        {
            case IdempotencyOutcome.Mismatch:
                return ApiResults.Problem(ErrorCodes.IdempotencyKeyReused);
            case IdempotencyOutcome.Replay:
                return new StoredResponseResult(existing.Response!, replayed: true);
            default:
                http.Response.Headers.RetryAfter = "1";
                return ApiResults.Problem(ErrorCodes.IllegalState, "A request with this Idempotency-Key is still being processed. Retry later.");
        }
    }

    /// <summary>Forgets what executing the handler's own result set on the response, before another answer is written.</summary>
    private static void ResetResponse(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = null;
        http.Response.Headers.Location = default;
    }

    /// <summary>Runs the handler's result against a buffer, so the bytes can be stored and then sent.</summary>
    private static async Task<StoredResponse> CaptureAsync(HttpContext http, object? result)
    {
        var executable = result switch
        {
            IResult r => r,
            null => Results.Empty,
            string text => Results.Text(text),
            _ => Results.Json(result),
        };

        var originalBody = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = originalBody;
        }

        return new StoredResponse(
            http.Response.StatusCode,
            http.Response.ContentType,
            http.Response.Headers.Location.Count > 0 ? http.Response.Headers.Location.ToString() : null,
            buffer.ToArray());
    }

    private static string ScopeOf(HttpContext http)
    {
        var caller = http.GetCurrentCaller();
        var who = caller.PartnerId is { } partner ? "partner:" + partner
            : caller.UserId is { } user ? "user:" + user
            : "anonymous";
        var route = http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : http.Request.Path.ToString();
        return $"{who}|{http.Request.Method} {route}";
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            if (!request.Body.CanSeek)
            {
                throw new InvalidOperationException("The request body was not buffered: MapDefaultEndpoints() must run before the endpoints are mapped.");
            }

            request.Body.Position = 0;
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
                {
                    hash.AppendData(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private sealed class StoredResponseResult(StoredResponse response, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.StatusCode;
            if (response.ContentType is not null)
            {
                httpContext.Response.ContentType = response.ContentType;
            }

            if (response.Location is not null)
            {
                httpContext.Response.Headers.Location = response.Location;
            }

            if (replayed)
            {
                httpContext.Response.Headers[ReplayedHeader] = "true";
            }

            await httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }
}
