using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;

namespace PartnerPlatform.Contracts.AsyncApi;

/// <summary>
/// The AsyncAPI 3 document of the published events, for subscribers on any platform. Channels are
/// what MassTransit declares on RabbitMQ: one fanout exchange per event type, named
/// <c>{namespace}:{type}</c>, and one durable quorum queue per consuming service, named
/// <c>{service}-{event}</c> in kebab case (the messaging defaults' endpoint names). Messages carry
/// the event in MassTransit's JSON envelope; their schemas are exported from the contract records
/// with the serializer's camelCase naming. Publisher and consumers come from the catalogue.
/// </summary>
public static class AsyncApiDocument
{
    public const string ContentType = "application/vnd.masstransit+json";
    private const string AmqpBindingVersion = "0.3.0";

    /// <summary>MassTransit's System.Text.Json settings for message bodies: camelCase, as published.</summary>
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Generate(IReadOnlyList<CatalogueEntry> catalogue)
    {
        var types = typeof(ContractsAssembly).Assembly.GetExportedTypes()
            .Where(t => t != typeof(ContractsAssembly))
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        var unlisted = types.Keys.Except(catalogue.Select(e => e.Event), StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0)
        {
            throw new InvalidOperationException("Events missing from the catalogue: " + string.Join(", ", unlisted));
        }

        var docs = XmlDocs.Load(typeof(ContractsAssembly).Assembly);
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();

        foreach (var entry in catalogue)
        {
            var type = types.TryGetValue(entry.Event, out var found)
                ? found
                : throw new InvalidOperationException($"The catalogue lists {entry.Event}, which is no type of PartnerPlatform.Contracts.");
            var exchange = ExchangeName(type);
            var summary = docs.Summary(type);

            schemas[entry.Event] = Schema(type, docs);
            messages[entry.Event] = new JsonObject
            {
                ["name"] = entry.Event,
                ["title"] = entry.Event,
                ["summary"] = summary,
                ["contentType"] = ContentType,
                ["payload"] = Envelope(entry.Event, exchange),
                ["x-publisher"] = entry.Publisher,
                ["x-consumers"] = new JsonArray([.. entry.Consumers.Select(c => JsonValue.Create(c.Service))]),
                ["x-since"] = entry.Since,
            };

            channels[entry.Event] = new JsonObject
            {
                ["address"] = exchange,
                ["title"] = entry.Event,
                ["description"] = $"The fanout exchange `{exchange}` to which {entry.Publisher} publishes {entry.Event}"
                    + (entry.PublisherNote is null ? string.Empty : $" ({entry.PublisherNote})")
                    + ". A subscriber binds its own queue to it.",
                ["messages"] = new JsonObject { [entry.Event] = Ref($"#/components/messages/{entry.Event}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject
                        {
                            ["name"] = exchange,
                            ["type"] = "fanout",
                            ["durable"] = true,
                            ["autoDelete"] = false,
                            ["vhost"] = "/",
                        },
                        ["bindingVersion"] = AmqpBindingVersion,
                    },
                },
            };
            operations[$"publish{entry.Event}"] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = Ref($"#/channels/{entry.Event}"),
                ["title"] = $"{entry.Publisher} publishes {entry.Event}",
                ["summary"] = summary,
                ["messages"] = new JsonArray(Ref($"#/channels/{entry.Event}/messages/{entry.Event}")),
                ["x-service"] = entry.Publisher,
            };

            foreach (var consumer in entry.Consumers)
            {
                var queue = QueueName(consumer.Service, entry.Event);
                channels[queue] = new JsonObject
                {
                    ["address"] = queue,
                    ["title"] = $"{consumer.Service}: {entry.Event}",
                    ["description"] = $"The durable quorum queue of {consumer.Service} for {entry.Event}"
                        + (consumer.Note is null ? string.Empty : $" ({consumer.Note})")
                        + $", bound through its exchange `{queue}` to `{exchange}`; failed messages end in `{queue}_error`.",
                    ["messages"] = new JsonObject { [entry.Event] = Ref($"#/components/messages/{entry.Event}") },
                    ["bindings"] = new JsonObject
                    {
                        ["amqp"] = new JsonObject
                        {
                            ["is"] = "queue",
                            ["queue"] = new JsonObject
                            {
                                ["name"] = queue,
                                ["durable"] = true,
                                ["exclusive"] = false,
                                ["autoDelete"] = false,
                                ["vhost"] = "/",
                            },
                            ["bindingVersion"] = AmqpBindingVersion,
                        },
                    },
                };
                operations[$"{queue}-receive"] = new JsonObject
                {
                    ["action"] = "receive",
                    ["channel"] = Ref($"#/channels/{queue}"),
                    ["title"] = $"{consumer.Service} consumes {entry.Event}",
                    ["messages"] = new JsonArray(Ref($"#/channels/{queue}/messages/{entry.Event}")),
                    ["x-service"] = consumer.Service,
                };
            }
        }

        var version = catalogue.Select(e => e.Since).OrderBy(v => Version.TryParse(v, out var parsed) ? parsed : new Version()).LastOrDefault() ?? "1.0";
        var document = new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "PartnerPlatform events",
                ["version"] = version,
                ["description"] = "Integration events the PartnerPlatform services publish through their outbox to RabbitMQ "
                    + "(MassTransit 8). Each event type has a fanout exchange; bind a queue of your own to it. Messages are "
                    + "MassTransit JSON envelopes whose `message` is the event (camelCase, ISO-8601 UTC timestamps). Delivery is "
                    + "at least once: deduplicate by `messageId`. Contracts change additively only; a breaking change is a new event type.",
            },
            ["defaultContentType"] = ContentType,
            ["servers"] = new JsonObject
            {
                ["eventbus"] = new JsonObject
                {
                    ["host"] = "eventbus:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The deployment's RabbitMQ (ConnectionStrings:eventbus), virtual host as configured there.",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = schemas,
            },
        };
        return document.ToJsonString(Output).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>MassTransit's entity name for a message type: <c>PartnerPlatform.Contracts.Coupons:CouponIssued</c>.</summary>
    public static string ExchangeName(Type eventType) => $"{eventType.Namespace}:{eventType.Name}";

    /// <summary>The consumer's queue: <c>subscription-files-api</c>, <c>CouponIssued</c> → <c>subscription-files-coupon-issued</c>.</summary>
    public static string QueueName(string service, string eventName) =>
        (service.EndsWith("-api", StringComparison.Ordinal) ? service[..^4] : service) + "-" + JsonNamingPolicy.KebabCaseLower.ConvertName(eventName);

    private static JsonObject Ref(string pointer) => new() { ["$ref"] = pointer };

    private static JsonObject Envelope(string eventName, string exchange) => new()
    {
        ["type"] = "object",
        ["description"] = "MassTransit's JSON envelope; the event is `message`.",
        ["required"] = new JsonArray("messageId", "messageType", "message"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "Unique per event: deduplicate by it." },
            ["correlationId"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "uuid" },
            ["conversationId"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "uuid" },
            ["sourceAddress"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["destinationAddress"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["messageType"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string" },
                ["description"] = $"Includes `urn:message:{exchange}`.",
            },
            ["sentTime"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object", ["description"] = "Transport headers, W3C trace context included." },
            ["host"] = new JsonObject { ["type"] = "object", ["description"] = "The sending process (machine, process, assembly)." },
            ["message"] = Ref($"#/components/schemas/{eventName}"),
        },
    };

    private static JsonNode Schema(Type type, XmlDocs docs)
    {
        var schema = MessageJson.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (node is JsonObject property && context.PropertyInfo?.AssociatedParameter is { Name: { } name }
                    && docs.Parameter(context.PropertyInfo.DeclaringType, name) is { } text)
                {
                    property.Insert(0, "description", text);
                }

                return node;
            },
        });
        if (schema is JsonObject root && docs.Summary(type) is { } summary)
        {
            root.Insert(0, "description", summary);
        }

        return schema;
    }

    /// <summary>Summaries and parameter texts from the contracts' XML documentation file, as plain text.</summary>
    private sealed class XmlDocs(Dictionary<string, XElement> members)
    {
        public static XmlDocs Load(System.Reflection.Assembly assembly)
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            var members = File.Exists(file)
                ? XDocument.Load(file).Descendants("member")
                    .Where(m => m.Attribute("name") is not null)
                    .GroupBy(m => m.Attribute("name")!.Value, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
                : throw new FileNotFoundException("The contracts' XML documentation is missing (GenerateDocumentationFile).", file);
            return new XmlDocs(members);
        }

        public string? Summary(Type type) =>
            members.TryGetValue("T:" + type.FullName, out var member) ? Text(member.Element("summary")) : null;

        public string? Parameter(Type type, string name) =>
            members.TryGetValue("T:" + type.FullName, out var member)
                ? Text(member.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == name))
                : null;

        private static string? Text(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var text = string.Concat(element.Nodes().Select(node => node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "see" or "seealso" } see =>
                    see.Attribute("cref")?.Value.Split('.', ':')[^1] ?? see.Attribute("langword")?.Value ?? see.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? string.Empty,
                XElement { Name.LocalName: "c" or "code" } code => "`" + code.Value + "`",
                XElement other => other.Value,
                _ => string.Empty,
            }));
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return words.Length == 0 ? null : string.Join(' ', words);
        }
    }
}
