using System.Text.Json;
using System.Text.Json.Nodes;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// A service names the server in its OpenAPI document from the request it received, which the
/// proxy sent to the service's own address. Documents fetched through the gateway
/// (<c>/openapi/{service}/v1.json</c>) get <c>servers</c> set to the gateway's path base instead, a
/// relative URL, so the developer portal's calls go through the edge (token check, rate limits,
/// CORS) whatever host, scheme or proxy the reader came through.
/// </summary>
internal static class OpenApiDocuments
{
    public const string PathPrefix = "/openapi/";

    public static void AddTransforms(TransformBuilderContext context)
    {
        if (context.Route.Match.Path?.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) != true)
        {
            return;
        }

        // The body is rewritten here, so it has to arrive uncompressed.
        context.AddRequestHeaderRemove("Accept-Encoding");
        context.AddResponseTransform(PointServersAtGatewayAsync);
    }

    private static async ValueTask PointServersAtGatewayAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse is not { IsSuccessStatusCode: true } proxied)
        {
            return;
        }

        var response = context.HttpContext.Response;
        var original = await proxied.Content.ReadAsByteArrayAsync(context.HttpContext.RequestAborted);
        context.SuppressResponseBody = true;

        var body = original;
        if (Parse(original) is { } document)
        {
            document["servers"] = new JsonArray(new JsonObject { ["url"] = context.HttpContext.Request.PathBase.Value + "/" });
            body = JsonSerializer.SerializeToUtf8Bytes(document);
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    private static JsonObject? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
