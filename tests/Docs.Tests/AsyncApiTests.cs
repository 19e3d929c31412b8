extern alias coupons;
extern alias identity;
extern alias incentives;
extern alias opportunities;
extern alias resellers;
extern alias subscriptionfiles;

using System.Reflection;
using System.Text.Json;
using Docs.Tests.Support;
using MassTransit;
using PartnerPlatform.Contracts;
using PartnerPlatform.Contracts.AsyncApi;

namespace Docs.Tests;

/// <summary>The event catalogue for subscribers: <c>services/Contracts/asyncapi.json</c>.</summary>
[Collection(DocsPlatformCollection.Name)]
public sealed class AsyncApiTests(DocsPlatform platform)
{
    private static string CommittedPath => Path.Combine(Repository.ContractsFolder, EventCatalogue.DocumentFileName);

    private static readonly Assembly[] ServiceAssemblies =
    [
        typeof(identity::Program).Assembly, typeof(resellers::Program).Assembly, typeof(coupons::Program).Assembly,
        typeof(opportunities::Program).Assembly, typeof(incentives::Program).Assembly, typeof(subscriptionfiles::Program).Assembly,
    ];

    [Fact]
    public void The_committed_document_is_the_one_the_contracts_and_their_catalogue_generate()
    {
        var generated = AsyncApiDocument.Generate(EventCatalogue.Read(Repository.ContractsFolder));

        Assert.True(
            generated == File.ReadAllText(CommittedPath),
            "services/Contracts/asyncapi.json is out of date with the contracts or their catalogue: "
            + "run `dotnet run --project services/Contracts/PartnerPlatform.Contracts.AsyncApi` and commit the result.");
    }

    [Fact]
    public async Task The_document_parses_and_lists_every_event_of_the_catalogue_with_its_fields()
    {
        var result = await ParseAsync(CommittedPath);

        Assert.True(result.ExitCode == 0, "@asyncapi/parser rejected the document:\n" + result);
        var parsed = JsonDocument.Parse(result.Output).RootElement;
        var messages = parsed.GetProperty("messages").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, StringComparer.Ordinal);
        var catalogue = EventCatalogue.Read(Repository.ContractsFolder);
        var events = typeof(ContractsAssembly).Assembly.GetExportedTypes().Where(t => t != typeof(ContractsAssembly)).ToList();
        Assert.Equal(catalogue.Select(e => e.Event).Order(StringComparer.Ordinal), messages.Keys.Order(StringComparer.Ordinal));
        Assert.All(events, type =>
        {
            var fields = messages[type.Name].GetProperty("payloadProperties").EnumerateArray().Select(p => p.GetString()).ToList();
            Assert.Equal(type.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
        });
        var operations = parsed.GetProperty("operations").EnumerateArray().ToList();
        Assert.Equal(catalogue.Count, operations.Count(o => o.GetProperty("action").GetString() == "send"));
        Assert.Equal(catalogue.Sum(e => e.Consumers.Count), operations.Count(o => o.GetProperty("action").GetString() == "receive"));
    }

    [Fact]
    public async Task The_parser_rejects_a_document_that_breaks_the_specification()
    {
        Directory.CreateDirectory(Repository.GeneratedFolder);
        var broken = Path.Combine(Repository.GeneratedFolder, "broken-asyncapi.json");
        await File.WriteAllTextAsync(broken, """
            {"asyncapi":"3.0.0","info":{"title":"broken"},
             "operations":{"publishX":{"action":"shout","channel":{"$ref":"#/channels/missing"}}}}
            """);

        var result = await ParseAsync(broken);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void Queues_and_exchanges_are_named_as_masstransit_names_them_for_the_services_consumers()
    {
        var document = JsonDocument.Parse(File.ReadAllText(CommittedPath)).RootElement;
        var channels = document.GetProperty("channels").EnumerateObject().Select(c => c.Value.GetProperty("address").GetString()).ToHashSet(StringComparer.Ordinal);
        var consumers = 0;
        foreach (var assembly in ServiceAssemblies)
        {
            // Identity.Api → identity, SubscriptionFiles.Api → subscription-files: the prefix AddMessaging is given.
            var service = JsonNamingPolicy.KebabCaseLower.ConvertName(assembly.GetName().Name!.Replace(".Api", string.Empty, StringComparison.Ordinal));
            var formatter = new KebabCaseEndpointNameFormatter(service + "-", false);
            foreach (var consumer in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            {
                foreach (var consumed in consumer.GetInterfaces()
                    .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                    .Select(i => i.GetGenericArguments()[0])
                    .Where(t => t.Assembly == typeof(ContractsAssembly).Assembly))
                {
                    var queue = (string)typeof(KebabCaseEndpointNameFormatter).GetMethod(nameof(KebabCaseEndpointNameFormatter.Consumer))!
                        .MakeGenericMethod(consumer).Invoke(formatter, null)!;
                    Assert.True(channels.Contains(queue), $"{consumer.FullName} consumes {consumed.Name} on {queue}, which the document does not list");
                    Assert.Contains(AsyncApiDocument.ExchangeName(consumed), channels);
                    consumers++;
                }
            }
        }

        Assert.True(consumers > 20, $"only {consumers} consumers were found in the services");
    }

    [Fact]
    public async Task The_gateway_serves_the_committed_document_without_a_token()
    {
        using var response = await platform.Gateway.GetAsync("/openapi/events/asyncapi.json");

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(File.ReadAllText(CommittedPath), await response.Content.ReadAsStringAsync());
    }

    private static Task<NodeResult> ParseAsync(string path) =>
        Node.ScriptAsync("parse-asyncapi.mjs", [path], TimeSpan.FromMinutes(2));
}
