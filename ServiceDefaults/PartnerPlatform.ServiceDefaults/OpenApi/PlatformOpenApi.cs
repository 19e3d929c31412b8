using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Every service's OpenAPI document (built-in <c>Microsoft.AspNetCore.OpenApi</c>) described the
/// same way: the bearer scheme and a requirement on each operation that is not anonymous (public
/// ones marked <c>x-public</c>), stable operation ids from endpoint names, paging parameters as
/// shared components, <c>Idempotency-Key</c> and <c>If-Match</c> where the endpoint takes them, and
/// problem-details responses listing the <c>error_code</c> values the operation can answer.
/// </summary>
public static class PlatformOpenApi
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "Problem";
    public const string OffsetParameter = "offset";
    public const string LimitParameter = "limit";
    public const string PublicExtension = "x-public";
    public const string ErrorCodesExtension = "x-error-codes";
    public const string ServiceErrorCodesExtension = "x-service-error-codes";
    public const string ErrorCataloguePath = "/v2/reference/error-codes";

    private const string Json = "application/json";

    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>
    /// <c>AddOpenApi</c> with the platform's transformers; <paramref name="configure"/> adds the
    /// service's own (they run after these).
    /// </summary>
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services, Action<OpenApiOptions>? configure = null) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                DescribeDocument(document, context.ApplicationServices.GetRequiredService<IHostEnvironment>().ApplicationName);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                DescribeOperation(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
            {
                DescribeWireTypes(schema, context);
                await DescribePageAsync(schema, context, cancellationToken);
            });
            configure?.Invoke(options);

            // Last, so examples a service wrote itself are kept and only the missing ones are built.
            options.AddDocumentTransformer((document, _, _) =>
            {
                OpenApiExamples.AddMissing(document);
                return Task.CompletedTask;
            });
        });

    private static void DescribeDocument(OpenApiDocument document, string applicationName)
    {
        AddComponents(document);
        document.Info ??= new OpenApiInfo();
        document.Info.Title = ServiceName(applicationName);
        document.Info.Version = "v2";
        document.Info.Description = """
            Sign in with `POST /v2/auth/login` and send the `access_token` as `Authorization: Bearer …`
            on every operation that is not marked public. Lists page with `offset` (≥ 0, default 0) and
            `limit` (1..100, default 10) and answer `total_count`. Creates take an `Idempotency-Key`:
            a retry with the same key and body returns the first answer. Updates take `If-Match` with
            the resource's `ETag`. Every 4xx is an RFC 9457 problem with an `error_code`; the whole
            catalogue of codes is `GET /v2/reference/error-codes`.
            """;
    }

    /// <summary>The service's name as the suite writes it (<c>SubscriptionFiles.Api</c> → <c>subscription-files-api</c>).</summary>
    internal static string ServiceName(string applicationName)
    {
        var name = new StringBuilder();
        foreach (var c in applicationName.Replace(".", "-", StringComparison.Ordinal))
        {
            if (char.IsUpper(c) && name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }

    private static void AddComponents(OpenApiDocument document)
    {
        var components = document.Components ??= new OpenApiComponents();
        components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access_token answered by POST /v2/auth/login (valid for its expires_in seconds; renew with POST /v2/auth/refresh).",
        });

        components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        components.Schemas.TryAdd(ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details with the platform's error_code and error_msg.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", Problems.ErrorCodeKey, Problems.ErrorMessageKey },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = Problems.TypePrefix + "{error_code}" },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                [Problems.ErrorCodeKey] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable code, e.g. CBC.0100; the catalogue is GET " + ErrorCataloguePath + "." },
                [Problems.ErrorMessageKey] = new OpenApiSchema { Type = JsonSchemaType.String },
                [Problems.TraceIdKey] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "W3C trace id; quote it when reporting a problem." },
                [Problems.ErrorsKey] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Invalid fields (snake_case) and what is wrong with each.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        });

        components.Parameters ??= new Dictionary<string, IOpenApiParameter>(StringComparer.Ordinal);
        components.Parameters.TryAdd(OffsetParameter, new OpenApiParameter
        {
            Name = OffsetParameter,
            In = ParameterLocation.Query,
            Description = "How many items to skip (≥ 0). Out of range answers 400 CBC.0100, never clamped.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Default = JsonValue.Create(0) },
        });
        components.Parameters.TryAdd(LimitParameter, new OpenApiParameter
        {
            Name = LimitParameter,
            In = ParameterLocation.Query,
            Description = $"Page size (1..{PageRequest.MaxLimit}). Out of range answers 400 CBC.0100, never clamped.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "1",
                Maximum = PageRequest.MaxLimit.ToString(CultureInfo.InvariantCulture),
                Default = JsonValue.Create(PageRequest.DefaultLimit),
            },
        });
    }

    private static void DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer ran without its document.");
        AddComponents(document);
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = (description.HttpMethod ?? "GET").ToUpperInvariant();
        var route = description.RelativePath ?? string.Empty;

        operation.OperationId = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName
            ?? operation.OperationId
            ?? FallbackOperationId(method, route);

        var isPublic = metadata.OfType<IAllowAnonymous>().Any();
        if (isPublic)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            operation.Extensions[PublicExtension] = new JsonNodeExtension(JsonValue.Create(true));
            operation.Description = Prepend("Public: no token needed.", operation.Description);
        }
        else
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        }

        var paged = DescribePaging(operation, metadata, document);
        var idempotency = metadata.OfType<IdempotencyMetadata>().LastOrDefault();
        if (idempotency is not null)
        {
            AddHeader(operation, "Idempotency-Key", idempotency.Required,
                "A key of your choice (e.g. a UUID) per intended change: a retry with the same key and body returns the first answer; the same key with another body answers 422 CBC.0158. Keys live 24 h.");
        }

        var takesIfMatch = metadata.OfType<RequiresIfMatchMetadata>().Any() || HasHeader(operation, "If-Match");
        if (takesIfMatch)
        {
            AddHeader(operation, "If-Match", required: true, "The ETag of the resource as last read; a stale one answers 412 CBC.0157.");
        }

        // The service's own codes first: the example of each response shows the most specific one.
        var ownCodes = metadata.OfType<ErrorCodesMetadata>().ToList();
        var codes = new SortedDictionary<int, List<ErrorCode>>();
        void Add(ErrorCode code)
        {
            if (!codes.TryGetValue(code.Status, out var list))
            {
                codes[code.Status] = list = [];
            }

            if (!list.Contains(code))
            {
                list.Add(code);
            }
        }

        foreach (var own in ownCodes.SelectMany(m => m.Codes))
        {
            Add(own);
        }

        if (ownCodes.Count > 0)
        {
            // Present (possibly empty) when the endpoint declared the codes it can answer.
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            operation.Extensions[ServiceErrorCodesExtension] = new JsonNodeExtension(
                new JsonArray([.. ownCodes.SelectMany(m => m.Codes).Select(c => c.Code).Distinct(StringComparer.Ordinal).Select(c => JsonValue.Create(c))]));
        }

        var hasInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        if (hasInput)
        {
            Add(ErrorCodes.InvalidParameter);
        }

        if (paged || operation.RequestBody is not null)
        {
            Add(ErrorCodes.ParameterOutOfRange);
        }

        if (!isPublic)
        {
            Add(ErrorCodes.Unauthenticated);
            if (ChecksMoreThanSignIn(metadata))
            {
                Add(ErrorCodes.AccessDenied);
                Add(ErrorCodes.NoPermissionItem);
            }
        }

        var actsOnOne = route.Contains('{', StringComparison.Ordinal);
        if (actsOnOne)
        {
            Add(ErrorCodes.NotFound);
            if (Writes.Contains(method))
            {
                Add(ErrorCodes.IllegalState);
            }
        }

        if (takesIfMatch)
        {
            Add(ErrorCodes.PreconditionFailed);
        }

        if (idempotency is not null)
        {
            Add(ErrorCodes.IdempotencyKeyReused);
        }

        Add(ErrorCodes.FlowControl);
        foreach (var declared in (operation.Responses ?? []).Keys)
        {
            if (int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and < 500 && !codes.ContainsKey(status))
            {
                Add(ErrorCodes.ForStatus(status));
            }
        }

        operation.Responses ??= [];
        foreach (var (status, list) in codes)
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = ProblemResponse(operation.Responses, status, list, document);
        }

        AddExamples(operation, metadata);
    }

    /// <summary>
    /// Strings pass through the platform's input-hygiene converter, which hides their type from the
    /// generator (an empty schema): they are strings, nullable where the property is. Dates and times
    /// lose their type the same way: they are <c>date-time</c> strings. Numbers are accepted from JSON
    /// strings too, but always written as numbers: they are described as numbers.
    /// </summary>
    private static void DescribeWireTypes(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String;
            if (context.JsonPropertyInfo is { IsGetNullable: true })
            {
                schema.Type |= JsonSchemaType.Null;
            }
        }

        var moment = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if ((moment == typeof(DateTimeOffset) || moment == typeof(DateTime)) && schema.Type is null)
        {
            var nullable = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null
                || (context.JsonPropertyInfo is { } property && Nullable.GetUnderlyingType(property.PropertyType) is not null);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
        }

        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    /// <summary>
    /// A <see cref="PagedResponse{T}"/> is written by its own converter, which hides its shape from
    /// the generator: <c>total_count</c> and one array of the items, named after them (<c>coupons</c>).
    /// </summary>
    private static async Task DescribePageAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(PagedResponse<>))
        {
            return;
        }

        var items = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
        schema.Type = JsonSchemaType.Object;
        schema.Description = "One page: `total_count` (all matching items) and the page's items in the one array property beside it, named after them (e.g. `coupons`).";
        schema.Required = new HashSet<string>(StringComparer.Ordinal) { "total_count" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["total_count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        };
        schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = items };
    }

    private static bool DescribePaging(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {
        var takesPageRequest = metadata.OfType<MethodInfo>().Any(handler => handler.GetParameters().Any(p => p.ParameterType == typeof(PageRequest)));
        var hasPagingQuery = operation.Parameters?.Any(p => p.In == ParameterLocation.Query && p.Name is OffsetParameter or LimitParameter) == true;
        if (!takesPageRequest && !hasPagingQuery)
        {
            return false;
        }

        operation.Parameters ??= [];
        foreach (var own in operation.Parameters.Where(p => p is not OpenApiParameterReference && p.In == ParameterLocation.Query && p.Name is OffsetParameter or LimitParameter).ToList())
        {
            operation.Parameters.Remove(own);
        }

        operation.Parameters.Add(new OpenApiParameterReference(OffsetParameter, document));
        operation.Parameters.Add(new OpenApiParameterReference(LimitParameter, document));
        return true;
    }

    private static bool HasHeader(OpenApiOperation operation, string name) =>
        operation.Parameters?.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) == true;

    private static void AddHeader(OpenApiOperation operation, string name, bool required, string text)
    {
        operation.Parameters ??= [];
        foreach (var bound in operation.Parameters.Where(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            operation.Parameters.Remove(bound);
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = text,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>A policy that asks for more than a valid token (a permission, programme, role) can answer 403.</summary>
    private static bool ChecksMoreThanSignIn(IList<object> metadata) =>
        metadata.OfType<AuthorizationPolicy>().Any(policy => policy.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement))
        || metadata.OfType<IAuthorizeData>().Any(data => data.Policy is not null || data.Roles is not null)
        || metadata.OfType<IAuthorizationRequirementData>().Any();

    private static OpenApiResponse ProblemResponse(OpenApiResponses responses, int status, List<ErrorCode> codes, OpenApiDocument document)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        var declared = responses.TryGetValue(key, out var existing) ? existing.Description : null;
        var text = new StringBuilder(string.IsNullOrWhiteSpace(declared) ? codes[0].Title : declared);
        text.Append(". Problem details with one of these `error_code` values (all codes: `GET ").Append(ErrorCataloguePath).Append("`):");
        foreach (var code in codes)
        {
            text.Append("\n- `").Append(code.Code).Append("` ").Append(code.Title);
        }

        var first = codes[0];
        var example = new JsonObject
        {
            ["type"] = Problems.TypePrefix + first.Code,
            ["title"] = first.Title,
            ["status"] = status,
            ["detail"] = first.Message,
            [Problems.ErrorCodeKey] = first.Code,
            [Problems.ErrorMessageKey] = first.Message,
            [Problems.TraceIdKey] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        if (first == ErrorCodes.InvalidParameter)
        {
            example[Problems.ErrorsKey] = new JsonObject { ["name"] = new JsonArray("name is required, at most 200 characters.") };
        }

        var response = new OpenApiResponse
        {
            Description = text.ToString(),
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [Problems.ContentType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Example = example,
                },
            },
            Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
            {
                [ErrorCodesExtension] = new JsonNodeExtension(new JsonArray([.. codes.Select(c => new JsonObject
                {
                    ["code"] = c.Code,
                    ["status"] = c.Status,
                    ["title"] = c.Title,
                })])),
            },
        };
        if (status == 429)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Whole seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            };
        }

        return response;
    }

    private static void AddExamples(OpenApiOperation operation, IList<object> metadata)
    {
        if (metadata.OfType<RequestExampleMetadata>().LastOrDefault() is { } request
            && operation.RequestBody?.Content is { } content && content.TryGetValue(Json, out var body))
        {
            body.Example = JsonNode.Parse(request.Json);
        }

        foreach (var example in metadata.OfType<ResponseExampleMetadata>())
        {
            if (operation.Responses?.TryGetValue(example.Status.ToString(CultureInfo.InvariantCulture), out var response) == true
                && response.Content?.TryGetValue(Json, out var media) == true)
            {
                media.Example = JsonNode.Parse(example.Json);
            }
        }
    }

    private static string Prepend(string line, string? text) => string.IsNullOrWhiteSpace(text) ? line : line + "\n\n" + text;

    /// <summary><c>GET v2/reference/{enum}</c> → <c>getV2ReferenceByEnum</c>, for endpoints without a name.</summary>
    private static string FallbackOperationId(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var isParameter = segment.StartsWith('{');
            var name = segment.Trim('{', '}').Split(':', '=', '?')[0];
            if (isParameter)
            {
                id.Append("By");
            }

            foreach (var word in name.Split('-', '_', '.'))
            {
                if (word.Length > 0)
                {
                    id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
                }
            }
        }

        return id.ToString();
    }
}
