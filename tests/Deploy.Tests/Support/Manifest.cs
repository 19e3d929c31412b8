using System.Text.Json.Nodes;

namespace Deploy.Tests.Support;

/// <summary>Reading the parts of rendered objects the checks look at.</summary>
public static class Manifest
{
    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonObject workload) =>
        PodSpec(workload)["containers"]!.AsArray().Select(c => c!.AsObject());

    public static JsonObject Container(JsonObject workload) => Containers(workload).Single();

    public static IReadOnlyDictionary<string, string> Labels(JsonObject o) =>
        (o["metadata"]!["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];

    public static IReadOnlyDictionary<string, string> PodLabels(JsonObject workload) =>
        (workload["spec"]!["template"]!["metadata"]!["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];

    /// <summary>
    /// The environment variable names a container gets: its <c>env</c> entries and every key of the
    /// ConfigMaps and Secrets of its <c>envFrom</c> that the overlay holds.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(RenderedOverlay overlay, JsonObject container)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in (container["envFrom"] as JsonArray ?? []).Select(s => s!.AsObject()))
        {
            if (source["configMapRef"] is JsonObject configMapRef)
            {
                var configMap = overlay.Single("ConfigMap", (string)configMapRef["name"]!);
                foreach (var (key, value) in configMap["data"]!.AsObject())
                {
                    variables[key] = (string?)value;
                }
            }
        }

        foreach (var entry in (container["env"] as JsonArray ?? []).Select(e => e!.AsObject()))
        {
            variables[(string)entry["name"]!] = entry["value"] is JsonNode value ? (string?)value : null;
        }

        return variables;
    }

    public static bool Selects(JsonObject selector, IReadOnlyDictionary<string, string> labels) =>
        selector["matchLabels"] is JsonObject matchLabels
        && matchLabels.All(p => labels.TryGetValue(p.Key, out var value) && value == (string?)p.Value);
}
