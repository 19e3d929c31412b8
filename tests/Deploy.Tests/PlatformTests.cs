using Deploy.Tests.Support;

namespace Deploy.Tests;

/// <summary>The backing services and the network edge.</summary>
public sealed class PlatformTests
{
    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_database_a_service_connects_to_is_declared_in_the_PostgreSQL_cluster_with_the_role_its_pods_log_in_as(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var cluster = rendered.Single("Cluster", "platform-db");
        var roles = cluster["spec"]!["managed"]!["roles"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var databases = rendered.OfKind("Database").ToList();

        foreach (var process in SuiteSources.All)
        {
            var environment = Manifest.Environment(rendered, Manifest.Container(rendered.Single("Deployment", process.ResourceName)));
            foreach (var (key, value) in environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && e.Value?.StartsWith("Host=", StringComparison.Ordinal) == true))
            {
                var settings = value!.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
                Assert.Equal("$(POSTGRES_HOST)", settings["Host"]);
                Assert.Equal(key["ConnectionStrings__".Length..], settings["Database"]);
                var database = Assert.Single(databases, d => (string?)d["spec"]!["name"] == settings["Database"]);
                Assert.Equal("platform-db", (string?)database["spec"]!["cluster"]!["name"]);
                var owner = (string)database["spec"]!["owner"]!;
                var role = Assert.Single(roles, r => (string?)r["name"] == owner);
                var usernameVariable = settings["Username"].Trim('$', '(', ')');
                var credentials = Manifest.Container(rendered.Single("Deployment", process.ResourceName))["env"]!.AsArray()
                    .Single(e => (string?)e!["name"] == usernameVariable)!["valueFrom"]!["secretKeyRef"]!["name"];
                Assert.Equal((string?)role["passwordSecret"]!["name"], (string?)credentials);
            }
        }

        Assert.Equal(SuiteSources.Services.Select(s => s.Database).Order(), databases.Select(d => (string?)d["spec"]!["name"]).Order());
        Assert.Equal("platform-db-rw", Manifest.Environment(rendered, Manifest.Container(rendered.Single("Deployment", "identity-api")))["POSTGRES_HOST"]);
    }

    [Theory]
    [InlineData(RenderedOverlay.Production, 3, 3)]
    [InlineData(RenderedOverlay.Dev, 1, 1)]
    public async Task The_event_bus_and_the_database_run_as_clusters_of_the_overlay_size(string overlay, int rabbitNodes, int postgresInstances)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);

        var eventbus = rendered.Single("RabbitmqCluster", "eventbus");
        Assert.Equal("rabbitmq.com/v1beta1", (string?)eventbus["apiVersion"]);
        Assert.Equal(rabbitNodes, (int?)eventbus["spec"]!["replicas"]);
        Assert.Equal(postgresInstances, (int?)rendered.Single("Cluster", "platform-db")["spec"]!["instances"]);
        var environment = Manifest.Environment(rendered, Manifest.Container(rendered.Single("Deployment", "coupons-api")));
        Assert.Equal("eventbus", environment["EVENTBUS_HOST"]);
        Assert.StartsWith("amqp://$(EVENTBUS_USERNAME):$(EVENTBUS_PASSWORD)@$(EVENTBUS_HOST):5672", environment["ConnectionStrings__eventbus"], StringComparison.Ordinal);
        Assert.All(
            Manifest.Container(rendered.Single("Deployment", "coupons-api"))["env"]!.AsArray().Where(e => ((string?)e!["name"])!.StartsWith("EVENTBUS_", StringComparison.Ordinal)),
            e => Assert.Equal("eventbus-default-user", (string?)e!["valueFrom"]!["secretKeyRef"]!["name"]));
    }

    [Fact]
    public async Task Redis_is_a_managed_endpoint_in_production_and_a_StatefulSet_in_dev()
    {
        var production = await RenderedOverlay.LoadAsync(RenderedOverlay.Production);
        var dev = await RenderedOverlay.LoadAsync(RenderedOverlay.Dev);

        Assert.Null(production.Find("StatefulSet", "redis"));
        Assert.Null(production.Find("Secret", "redis"));
        var devRedis = dev.Single("StatefulSet", "redis");
        Assert.Equal(1, (int?)devRedis["spec"]!["replicas"]);
        Assert.NotNull(dev.Find("Service", "redis"));
        Assert.NotNull(dev.Find("Secret", "redis"));
        foreach (var rendered in new[] { production, dev })
        {
            foreach (var process in SuiteSources.All)
            {
                var redis = Manifest.Container(rendered.Single("Deployment", process.ResourceName))["env"]!.AsArray()
                    .Single(e => (string?)e!["name"] == "ConnectionStrings__redis");
                Assert.Equal("redis", (string?)redis!["valueFrom"]!["secretKeyRef"]!["name"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Only_the_gateway_is_reachable_from_outside_the_namespace(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var policies = rendered.OfKind("NetworkPolicy").ToList();

        foreach (var process in SuiteSources.All)
        {
            var podLabels = Manifest.PodLabels(rendered.Single("Deployment", process.ResourceName));
            var applying = policies.Where(p => Manifest.Selects(p["spec"]!["podSelector"]!.AsObject(), podLabels)).ToList();
            Assert.NotEmpty(applying);
            Assert.All(applying, p => Assert.Contains("Ingress", p["spec"]!["policyTypes"]!.AsArray().Select(t => (string?)t)));
            var peers = applying.SelectMany(p => p["spec"]!["ingress"]!.AsArray()).SelectMany(rule => rule!["from"]!.AsArray()).Select(peer => peer!.AsObject()).ToList();
            var fromOutside = peers.Where(peer => peer.ContainsKey("namespaceSelector") || peer.ContainsKey("ipBlock")).ToList();
            if (process == SuiteSources.Gateway)
            {
                Assert.NotEmpty(fromOutside);
            }
            else
            {
                Assert.Empty(fromOutside);
                Assert.All(peers, peer => Assert.True(peer.ContainsKey("podSelector")));
            }
        }

        var ingress = Assert.Single(rendered.OfKind("Ingress"));
        var backends = ingress["spec"]!["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => (string?)p!["backend"]!["service"]!["name"]);
        Assert.All(backends, backend => Assert.Equal("gateway", backend));
        if (overlay == RenderedOverlay.Production)
        {
            Assert.NotNull(ingress["spec"]!["tls"]);
        }
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task At_the_autoscalers_maximum_every_connection_pool_fits_in_PostgreSQL(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        var maxConnections = int.Parse((string)rendered.Single("Cluster", "platform-db")["spec"]!["postgresql"]!["parameters"]!["max_connections"]!, System.Globalization.CultureInfo.InvariantCulture);

        var needed = 0;
        foreach (var workload in rendered.OfKind("Deployment").Where(d => Manifest.Name(d) != "redis").Concat(rendered.OfKind("Job")))
        {
            var pods = (string?)workload["kind"] == "Job" ? 1 : (int)rendered.Single("HorizontalPodAutoscaler", Manifest.Name(workload))["spec"]!["maxReplicas"]!;
            var environment = Manifest.Environment(rendered, Manifest.Container(workload));
            var perPod = 0;
            foreach (var (key, value) in environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && e.Value?.StartsWith("Host=", StringComparison.Ordinal) == true))
            {
                var settings = value!.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
                Assert.True(settings.ContainsKey("Maximum Pool Size"), $"{Manifest.Name(workload)}: {key} leaves its pool unbounded");
                var pool = int.Parse(settings["Maximum Pool Size"], System.Globalization.CultureInfo.InvariantCulture);
                // A service's own database is opened by two pools (its DbContext and the shared data
                // sources) plus the outbox relay's unpooled LISTEN connection.
                perPod += (2 * pool) + 1;
            }

            needed += pods * perPod;
        }

        const int Reserved = 10; // superuser and replication connections of the cluster itself
        Assert.True(needed + Reserved <= maxConnections, $"{overlay}: up to {needed} connections at the autoscalers' maximum, PostgreSQL allows {maxConnections}");
    }

    [Theory]
    [MemberData(nameof(RenderedOverlay.Names), MemberType = typeof(RenderedOverlay))]
    public async Task Every_object_belongs_to_the_deploy_phase_that_applies_it_in_order(string overlay)
    {
        var rendered = await RenderedOverlay.LoadAsync(overlay);
        const string Phase = "partnerplatform/deploy-phase";

        var objects = rendered.Objects.Select(o => o.Object!).ToList();
        Assert.All(objects, o => Assert.True(Manifest.Labels(o).ContainsKey(Phase), $"{o["kind"]} {Manifest.Name(o)} has no {Phase}"));
        string PhaseOf(string kind, string name) => Manifest.Labels(rendered.Single(kind, name))[Phase];

        foreach (var job in rendered.OfKind("Job"))
        {
            Assert.Equal("migration", Manifest.Labels(job)[Phase]);
            // What a migration needs exists before it runs.
            foreach (var source in Manifest.Container(job)["envFrom"]!.AsArray())
            {
                Assert.Equal("foundation", PhaseOf("ConfigMap", (string)source!["configMapRef"]!["name"]!));
            }
        }

        foreach (var kind in new[] { "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress" })
        {
            Assert.All(rendered.OfKind(kind).Where(o => Manifest.Name(o) != "redis"), o => Assert.Equal("rollout", Manifest.Labels(o)[Phase]));
        }

        foreach (var kind in new[] { "Namespace", "RabbitmqCluster", "Cluster", "Database", "NetworkPolicy" })
        {
            Assert.All(rendered.OfKind(kind), o => Assert.Equal("foundation", Manifest.Labels(o)[Phase]));
        }
    }
}
