using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Deploy.Tests.Support;

/// <summary>One overlay rendered by kustomize and each object checked against its API schema.</summary>
public sealed class RenderedOverlay
{
    public const string Dev = "dev";
    public const string Production = "production";

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Cache = new();

    private RenderedOverlay(string name, string yaml, IReadOnlyList<RenderedObject> objects)
    {
        Name = name;
        Yaml = yaml;
        Objects = objects;
    }

    public static IReadOnlyList<string> All { get; } = [Dev, Production];

    public static TheoryData<string> Names => [.. All];

    public string Name { get; }

    public string Yaml { get; }

    public IReadOnlyList<RenderedObject> Objects { get; }

    public static Task<RenderedOverlay> LoadAsync(string name) =>
        Cache.GetOrAdd(name, key => new Lazy<Task<RenderedOverlay>>(() => RenderAsync(key))).Value;

    /// <summary>Runs <c>kubectl kustomize</c> on a folder; the result, successful or not.</summary>
    public static async Task<ProcessResult> KustomizeAsync(string folder)
    {
        var kubectl = await DeployTools.KubectlAsync();
        return await DeployTools.RunAsync(kubectl, ["kustomize", folder], Repository.Root);
    }

    /// <summary>Runs the schema validator on YAML text.</summary>
    public static async Task<IReadOnlyList<RenderedObject>> ValidateAsync(string yaml)
    {
        await DeployTools.KubectlAsync();
        var result = await DeployTools.RunAsync("node", ["validate.mjs"], Repository.TestProject, yaml);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"validate.mjs failed ({result.ExitCode}): {result.Error}");
        }

        return [.. JsonNode.Parse(result.Output)!.AsArray().Select(RenderedObject.From)];
    }

    public IEnumerable<JsonObject> OfKind(string kind) =>
        Objects.Select(o => o.Object).OfType<JsonObject>().Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Manifest.Name(o) == name)
        ?? throw new Xunit.Sdk.XunitException($"{Name}: no {kind} named {name}.");

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => Manifest.Name(o) == name);

    private static async Task<RenderedOverlay> RenderAsync(string name)
    {
        var rendered = await KustomizeAsync(Path.Combine("deploy", "k8s", "overlays", name));
        if (rendered.ExitCode != 0)
        {
            throw new InvalidOperationException($"kustomize build of overlays/{name} failed ({rendered.ExitCode}):\n{rendered.Error}");
        }

        return new RenderedOverlay(name, rendered.Output, await ValidateAsync(rendered.Output));
    }
}

/// <summary>An object and what its schema said: <see cref="Schema"/> is null when none is known.</summary>
public sealed record RenderedObject(JsonObject? Object, string? Schema, IReadOnlyList<string> Errors)
{
    public static RenderedObject From(JsonNode? node) => new(
        node!["object"] as JsonObject,
        (string?)node["schema"],
        [.. node["errors"]!.AsArray().Select(e => (string)e!)]);

    public string Describe() => Object is null ? "(unreadable document)" : $"{Object["apiVersion"]} {Object["kind"]} {Manifest.Name(Object)}";
}
