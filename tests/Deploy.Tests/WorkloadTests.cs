using System.Text.Json.Nodes;
using Deploy.Tests.Support;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Deploy.Tests;

/// <summary>How each process starts, is probed, stops, scales and is confined.</summary>
public sealed class WorkloadTests
{
    /// <summary>Time the host needs after the relay's last batch to stop the bus and the server.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> OverlaysAndProcesses()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in RenderedOverlay.All)
        {
            foreach (var process in SuiteSources.All)
            {
                data.Add(overlay, process.ResourceName);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OverlaysAndProcesses))]
    public async Task Probes_point_at_the_endpoints_every_process_maps(string overlay, string name)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var container = Manifest.Container(rendered.Single("Deployment", name));

        Assert.Equal(PlatformHealthChecks.AlivePath, (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(PlatformHealthChecks.AlivePath, (string?)container["startupProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)container["livenessProbe"]!["httpGet"]!["port"]);
        Assert.Equal("http", (string?)container["readinessProbe"]!["httpGet"]!["port"]);
        Assert.Contains(container["ports"]!.AsArray(), p => (string?)p!["name"] == "http" && (int?)p["containerPort"] == 8080);
        var readiness = (string?)container["readinessProbe"]!["httpGet"]!["path"];
        var process = SuiteSources.Named(name);
        if (process == SuiteSources.Gateway)
        {
            // The gateway's /health asks every service's: one slow service must not take the edge out.
            Assert.Equal(PlatformHealthChecks.AlivePath, readiness);
            var healthApi = await File.ReadAllTextAsync(Repository.PathOf("gateway", "Gateway", "Apis", "HealthApi.cs"));
            Assert.Contains("MapGet(PlatformHealthChecks.AlivePath", healthApi, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(PlatformHealthChecks.HealthPath, readiness);
        var defaults = await File.ReadAllTextAsync(Repository.PathOf("ServiceDefaults", "PartnerPlatform.ServiceDefaults", "ServiceDefaultsExtensions.cs"));
        Assert.Contains("MapHealthChecks(PlatformHealthChecks.AlivePath", defaults, StringComparison.Ordinal);
        Assert.Contains("MapHealthChecks(PlatformHealthChecks.HealthPath", defaults, StringComparison.Ordinal);
        if (process.HasSource)
        {
            var program = await File.ReadAllTextAsync(Path.Combine(process.ProjectDirectory, "Program.cs"));
            Assert.Contains("app.MapDefaultEndpoints()", program, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(OverlaysAndProcesses))]
    public async Task A_stopping_pod_has_longer_than_the_outbox_relay_needs_to_record_its_last_batch(string overlay, string name)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var deployment = rendered.Single("Deployment", name);
        var container = Manifest.Container(deployment);
        var environment = Manifest.Environment(rendered, container);

        var relayDrain = new MessagingOptions().OutboxPublishTimeout;
        var hostShutdown = TimeSpan.FromSeconds(int.Parse(environment["DOTNET_shutdownTimeoutSeconds"]!, System.Globalization.CultureInfo.InvariantCulture));
        var preStop = TimeSpan.FromSeconds((int)container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!);
        var grace = TimeSpan.FromSeconds((int)Manifest.PodSpec(deployment)["terminationGracePeriodSeconds"]!);

        Assert.True(hostShutdown >= relayDrain + StopMargin, $"host shutdown {hostShutdown} is not longer than the relay's {relayDrain} plus {StopMargin}");
        Assert.True(grace > preStop + hostShutdown, $"grace {grace} does not cover preStop {preStop} and host shutdown {hostShutdown}");
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_workload_runs_as_non_root_on_a_read_only_root_filesystem_with_a_writable_tmp_and_bounded_resources(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var workloads = rendered.OfKind("Deployment").Concat(rendered.OfKind("Job")).Concat(rendered.OfKind("StatefulSet")).ToList();

        Assert.NotEmpty(workloads);
        foreach (var workload in workloads)
        {
            var pod = Manifest.PodSpec(workload);
            var label = $"{workload["kind"]} {Manifest.Name(workload)}";
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{label} may run as root");
            Assert.True((int?)pod["securityContext"]?["runAsUser"] > 0, $"{label} has no non-root user id");
            foreach (var container in Manifest.Containers(workload))
            {
                Assert.True((bool?)container["securityContext"]?["readOnlyRootFilesystem"] == true, $"{label} writes to its root filesystem");
                Assert.True((bool?)container["securityContext"]?["allowPrivilegeEscalation"] == false, $"{label} may escalate");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.NotNull(container["resources"]?["requests"]?[resource]);
                    Assert.NotNull(container["resources"]?["limits"]?[resource]);
                }
            }

            if ((string?)workload["kind"] != "StatefulSet")
            {
                var tmp = Manifest.Container(workload)["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/tmp");
                var volume = pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)tmp!["name"]);
                Assert.NotNull(volume!["emptyDir"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(OverlaysAndProcesses))]
    public async Task Every_process_has_a_Service_an_autoscaler_and_a_disruption_budget_that_select_its_pods(string overlay, string name)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var deployment = rendered.Single("Deployment", name);
        var podLabels = Manifest.PodLabels(deployment);

        Assert.Null(deployment["spec"]!["replicas"]);
        var service = rendered.Single("Service", name);
        Assert.All(service["spec"]!["selector"]!.AsObject(), p => Assert.Equal((string?)p.Value, podLabels[p.Key]));
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "http" && (int?)p["port"] == 80 && (string?)p["targetPort"] == "http");

        var autoscaler = rendered.Single("HorizontalPodAutoscaler", name);
        Assert.Equal("Deployment", (string?)autoscaler["spec"]!["scaleTargetRef"]!["kind"]);
        Assert.Equal(name, (string?)autoscaler["spec"]!["scaleTargetRef"]!["name"]);
        var minReplicas = (int)autoscaler["spec"]!["minReplicas"]!;
        Assert.True((int)autoscaler["spec"]!["maxReplicas"]! > minReplicas);
        if (overlay == RenderedOverlay.Production)
        {
            Assert.True(minReplicas >= 2, $"{name} runs fewer than two replicas in production");
        }

        var budget = rendered.Single("PodDisruptionBudget", name);
        Assert.True(Manifest.Selects(budget["spec"]!["selector"]!.AsObject(), podLabels));
        Assert.Equal(1, (int?)budget["spec"]!["maxUnavailable"]);

        // Only the Deployment's pods answer the Service: a migration pod never does.
        Assert.All(rendered.OfKind("Job"), job => Assert.False(service["spec"]!["selector"]!.AsObject()
            .All(p => Manifest.PodLabels(job).TryGetValue(p.Key, out var value) && value == (string?)p.Value)));
    }

    [Theory]
    [MemberData(nameof(OverlaysAndProcesses))]
    public async Task Every_service_with_a_database_migrates_it_in_a_Job_of_its_own_image_before_the_rollout(string overlay, string name)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var process = SuiteSources.Named(name);
        var job = rendered.Find("Job", $"{name}-migrate");
        if (process.Database is null)
        {
            Assert.Null(job);
            return;
        }

        Assert.NotNull(job);
        var migrate = Manifest.Container(job);
        var serve = Manifest.Container(rendered.Single("Deployment", name));
        Assert.Equal(["--migrate"], migrate["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal((string?)serve["image"], (string?)migrate["image"]);
        Assert.Equal("Never", (string?)Manifest.PodSpec(job)["restartPolicy"]);
        Assert.Equal("PreSync", (string?)job["metadata"]!["annotations"]!["argocd.argoproj.io/hook"]);
        Assert.Equal("migration", Manifest.Labels(job)["app.kubernetes.io/component"]);
        Assert.Equal(
            Manifest.Environment(rendered, serve).Keys.Order(),
            Manifest.Environment(rendered, migrate).Keys.Order());
        if (process.HasSource)
        {
            var program = await File.ReadAllTextAsync(Path.Combine(process.ProjectDirectory, "Program.cs"));
            Assert.Contains("RunServiceVerbAsync", program, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_image_is_named_partnerplatform_slash_its_resource_name(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var process in SuiteSources.All)
        {
            var images = new[] { rendered.Single("Deployment", process.ResourceName), rendered.Find("Job", $"{process.ResourceName}-migrate") }
                .OfType<JsonObject>()
                .Select(w => (string)Manifest.Container(w)["image"]!);
            Assert.All(images, image =>
            {
                var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
                Assert.True(repository == $"partnerplatform/{process.ResourceName}" || repository.EndsWith($"/partnerplatform/{process.ResourceName}", StringComparison.Ordinal), image);
                Assert.NotEmpty(tag);
                Assert.NotEqual("latest", tag);
            });
        }
    }
}
