using Deploy.Tests.Support;

namespace Deploy.Tests;

/// <summary>Every process of the suite runs in both overlays, with what it reads provided.</summary>
public sealed class CoverageTests
{
    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_project_of_the_AppHost_has_a_Deployment(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var appHostProjects = SuiteSources.AppHostProjects();

        Assert.Contains("identity-api", appHostProjects);
        Assert.Contains("gateway", appHostProjects);
        Assert.All(appHostProjects, name => Assert.NotNull(rendered.Find("Deployment", name)));
    }

    [Fact]
    public void Every_process_of_the_service_map_has_its_project_so_the_checks_read_its_code()
    {
        Assert.Equal(6, SuiteSources.Services.Count);
        Assert.All(SuiteSources.All, process => Assert.True(process.HasSource, $"{process.ResourceName}: {process.ProjectFile} is missing"));
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_service_of_the_architecture_and_the_gateway_has_a_Deployment_named_by_its_resource_name(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        Assert.Equal(
            SuiteSources.All.Select(p => p.ResourceName).Order(),
            rendered.OfKind("Deployment").Select(Manifest.Name).Where(n => n != "redis").Order());
    }

    [Theory]
    [MemberData(nameof(SuiteSources.AllNames), MemberType = typeof(SuiteSources))]
    public async Task Every_connection_string_a_process_reads_is_provided_to_its_pods_and_its_migration(string name)
    {
        var process = SuiteSources.Named(name);
        if (!process.HasSource)
        {
            // The service is being written: the manifests define what it will read.
            Assert.NotNull(process.Database);
            return;
        }

        var read = SuiteSources.ConnectionNames(process);
        Assert.NotEmpty(read);
        if (process.Database is not null)
        {
            Assert.Contains(process.Database, read);
        }

        foreach (var overlay in RenderedOverlay.All)
        {
            var rendered = await RenderedOverlay.LoadAsync(overlay);
            var workloads = new[] { rendered.Single("Deployment", name), rendered.Find("Job", $"{name}-migrate") }.OfType<System.Text.Json.Nodes.JsonObject>();
            foreach (var workload in workloads)
            {
                var environment = Manifest.Environment(rendered, Manifest.Container(workload));
                Assert.All(read, connection => Assert.True(
                    environment.ContainsKey($"ConnectionStrings__{connection}"),
                    $"{overlay}: {workload["kind"]} {Manifest.Name(workload)} lacks ConnectionStrings__{connection}"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_service_address_a_process_reads_is_provided_and_names_a_Service(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var process in SuiteSources.All.Where(p => p.HasSource))
        {
            var environment = Manifest.Environment(rendered, Manifest.Container(rendered.Single("Deployment", process.ResourceName)));
            var addresses = SuiteSources.ServiceAddresses(process);
            if (process == SuiteSources.Gateway)
            {
                Assert.Superset(new HashSet<string> { "identity-api", "resellers-api", "coupons-api" }, addresses.ToHashSet());
            }

            foreach (var service in addresses)
            {
                Assert.True(environment.TryGetValue($"services__{service}__http__0", out var address), $"{process.ResourceName} lacks services__{service}__http__0");
                Assert.Equal($"http://{service}", address);
                Assert.NotNull(rendered.Find("Service", service));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_process_can_reach_identity_api_and_sends_its_telemetry_under_its_own_name(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var process in SuiteSources.All)
        {
            var environment = Manifest.Environment(rendered, Manifest.Container(rendered.Single("Deployment", process.ResourceName)));
            Assert.Equal("http://identity-api", environment["services__identity-api__http__0"]);
            Assert.Equal(process.ResourceName, environment["OTEL_SERVICE_NAME"]);
            Assert.StartsWith("http://", environment["OTEL_EXPORTER_OTLP_ENDPOINT"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_variable_a_connection_string_refers_to_is_defined_before_it(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        foreach (var workload in rendered.OfKind("Deployment").Concat(rendered.OfKind("Job")))
        {
            var container = Manifest.Container(workload);
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in (container["envFrom"] as System.Text.Json.Nodes.JsonArray ?? []))
            {
                var configMap = rendered.Single("ConfigMap", (string)source!["configMapRef"]!["name"]!);
                defined.UnionWith(configMap["data"]!.AsObject().Select(p => p.Key));
            }

            foreach (var entry in container["env"] as System.Text.Json.Nodes.JsonArray ?? [])
            {
                var value = (string?)entry!["value"] ?? "";
                foreach (System.Text.RegularExpressions.Match reference in System.Text.RegularExpressions.Regex.Matches(value, @"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)"))
                {
                    Assert.True(defined.Contains(reference.Groups["name"].Value), $"{Manifest.Name(workload)}: {entry["name"]} refers to $({reference.Groups["name"].Value}) before it is defined");
                }

                defined.Add((string)entry["name"]!);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Subscription_files_keep_buckets_and_exports_on_a_volume_every_pod_shares_and_take_S3_from_an_optional_Secret(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var deployment = rendered.Single("Deployment", "subscription-files-api");
        var container = Manifest.Container(deployment);
        var environment = Manifest.Environment(rendered, container);

        // The defaults (data/buckets, data/exports) would point into the read-only root filesystem,
        // and a pod's own disk would hide one pod's files from the others.
        var mount = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "data")!;
        var mountPath = (string)mount["mountPath"]!;
        foreach (var key in new[] { "SubscriptionFiles__LocalBucketRoot", "SubscriptionFiles__ExportRoot" })
        {
            Assert.StartsWith(mountPath + "/", environment[key], StringComparison.Ordinal);
        }

        var volume = Manifest.PodSpec(deployment)["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!;
        var claim = rendered.Single("PersistentVolumeClaim", (string)volume["persistentVolumeClaim"]!["claimName"]!);
        Assert.Contains("ReadWriteMany", claim["spec"]!["accessModes"]!.AsArray().Select(m => (string?)m));

        var s3 = container["env"]!.AsArray().Select(e => e!.AsObject())
            .Where(e => ((string)e["name"]!).StartsWith("SubscriptionFiles__S3__", StringComparison.Ordinal))
            .ToDictionary(e => (string)e["name"]!, e => e["valueFrom"]!["secretKeyRef"]!);
        Assert.Equal(
            ["SubscriptionFiles__S3__AccessKey", "SubscriptionFiles__S3__SecretKey", "SubscriptionFiles__S3__ServiceUrl"],
            s3.Keys.Order());
        Assert.All(s3.Values, reference =>
        {
            Assert.Equal("subscription-files-s3", (string?)reference["name"]);
            Assert.True((bool?)reference["optional"] == true, "without the Secret the service must start and refuse S3 buckets");
        });
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Keys_a_process_would_otherwise_draw_for_itself_are_one_Secret_for_all_its_pods(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        // Without them each process draws a key of its own: a verification code sent by one
        // identity-api pod fails at another, and coupons' export pseudonyms depend on the pod.
        foreach (var (process, variable, secretName, key) in new[]
        {
            ("identity-api", "Identity__VerificationCodes__HashKey", "identity-api-verification-codes", "hash-key"),
            ("coupons-api", "Coupons__ExportPseudonymKey", "coupons-api-export-pseudonyms", "key"),
        })
        {
            foreach (var workload in new[] { rendered.Single("Deployment", process), rendered.Single("Job", $"{process}-migrate") })
            {
                var entry = Manifest.Container(workload)["env"]!.AsArray().Single(e => (string?)e!["name"] == variable)!;
                var secret = entry["valueFrom"]!["secretKeyRef"]!;
                Assert.Equal((secretName, key), ((string?)secret["name"], (string?)secret["key"]));
                Assert.NotEqual(true, (bool?)secret["optional"]);
            }
        }
    }
}
