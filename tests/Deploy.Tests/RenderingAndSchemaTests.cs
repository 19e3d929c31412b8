using Deploy.Tests.Support;

namespace Deploy.Tests;

/// <summary>Each overlay renders with kustomize and every object it yields is valid for its API.</summary>
public sealed class RenderingAndSchemaTests
{
    /// <summary>
    /// The one operator kind without a schema: no package of a registry carries the RabbitMQ cluster
    /// operator's CRD (ADR 0028). CloudNativePG's kinds validate against @kubernetes-models/cloudnative-pg.
    /// </summary>
    private static readonly HashSet<string> KindsWithoutSchema = ["rabbitmq.com/v1beta1 RabbitmqCluster"];

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task An_overlay_renders_with_kustomize(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        Assert.Contains("kind: Deployment", rendered.Yaml, StringComparison.Ordinal);
        Assert.All(rendered.Objects, o => Assert.NotNull(o.Object));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_rendered_Kubernetes_object_validates_against_its_API_schema(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        var invalid = rendered.Objects.Where(o => o.Errors.Count > 0).Select(o => $"{o.Describe()}: {string.Join("; ", o.Errors)}");
        Assert.Empty(invalid);
        var withoutSchema = rendered.Objects.Where(o => o.Schema is null)
            .Select(o => $"{o.Object!["apiVersion"]} {o.Object["kind"]}")
            .Where(kind => !KindsWithoutSchema.Contains(kind));
        Assert.Empty(withoutSchema);
        var validatedKinds = rendered.Objects.Where(o => o.Schema is not null).Select(o => (string)o.Object!["kind"]!).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Job", "NetworkPolicy", "Ingress", "Namespace", "Cluster", "Database" },
            validatedKinds);
    }

    [Fact]
    public async Task The_validator_rejects_an_object_that_breaks_its_schema()
    {
        const string Broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              selector: {}
              template:
                spec:
                  containers:
                    - name: broken
                      image: partnerplatform/broken
                      ports:
                        - containerPort: http
            """;

        var results = await RenderedOverlay.ValidateAsync(Broken);

        var result = Assert.Single(results);
        Assert.NotNull(result.Schema);
        Assert.Contains(result.Errors, e => e.Contains("containerPort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_validator_rejects_a_CloudNativePG_cluster_that_breaks_the_operator_schema()
    {
        const string Broken = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: broken
            spec:
              instances: three
              storage:
                size: 1Gi
            """;

        var results = await RenderedOverlay.ValidateAsync(Broken);

        var result = Assert.Single(results);
        Assert.Equal("@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster", result.Schema);
        Assert.Contains(result.Errors, e => e.Contains("instances", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kustomize_refuses_a_kustomization_that_names_a_missing_resource()
    {
        var folder = Directory.CreateTempSubdirectory("deploy-tests-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "kustomization.yaml"), "resources:\n  - missing.yaml\n");

            var result = await RenderedOverlay.KustomizeAsync(folder.FullName);

            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
