using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PartnerPlatform.AppHost.LocalServers;

namespace PartnerPlatform.AppHost;

/// <summary>The verbs of ADR 0014 and 0017 as resources: <c>--migrate</c> before a service starts, demo data once all is healthy.</summary>
public static class ServiceResourceBuilderExtensions
{
    /// <summary>
    /// <c>{name}-migrate</c>: the same project run with <c>--migrate</c>, with the service's references,
    /// environment and waits; the service starts once it completed successfully.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMigrations(this IResourceBuilder<ProjectResource> service)
    {
        // A migration needs only its database: it starts as soon as that exists, while RabbitMQ,
        // Redis and s3rver are still starting (without Platform:FastStart, after all of the service's waits).
        var fastStart = service.ApplicationBuilder.FastStart();
        var migrations = service.AddRunOf("migrate", "--migrate", wait => !fastStart || wait.Resource is PostgresDatabaseResource);
        return service.WaitForCompletion(migrations);
    }

    /// <summary>
    /// <c>{name}-seed</c> of each service, run with <c>--seed-demo-data</c> once every project is healthy,
    /// one after another in the order given (a seeder builds on what the earlier ones made). Only in
    /// Development, or with <c>Platform:DemoData=true</c>; the seeders refuse elsewhere.
    /// </summary>
    public static void AddDemoDataSeeding(this IDistributedApplicationBuilder builder, params IResourceBuilder<ProjectResource>[] servicesInOrder)
    {
        if (!builder.Configuration.GetValue("Platform:DemoData", builder.Environment.IsDevelopment()))
        {
            return;
        }

        var projects = builder.Resources.OfType<ProjectResource>().Where(project => !project.HasAnnotationOfType<ServiceRunAnnotation>()).ToList();
        IResourceBuilder<ProjectResource>? previous = null;
        foreach (var service in servicesInOrder)
        {
            var seeder = service.AddRunOf("seed", "--seed-demo-data", _ => true).WithAnnotation(new DemoDataSeederAnnotation());
            foreach (var project in projects)
            {
                seeder.WaitFor(builder.CreateResourceBuilder(project));
            }

            if (previous is not null)
            {
                seeder.WaitForCompletion(previous);
            }

            previous = seeder;
        }
    }

    /// <summary>An account the project creates from its configuration (the vendor administrator), listed with the demo accounts.</summary>
    public static IResourceBuilder<ProjectResource> WithDemoAccount(this IResourceBuilder<ProjectResource> project, string login, IResourceBuilder<ParameterResource> password, string role) =>
        project.WithAnnotation(new DemoAccountAnnotation(login, password.Resource, role));

    /// <summary>
    /// <c>Platform:FastStart</c> (default true): migrations start once their database exists, the gateway
    /// beside the services, and every project from its built assembly (<c>dotnet exec</c>). False gives
    /// the earlier start (each migration after all its service's dependencies, the gateway after every
    /// service, each project through <c>dotnet run</c>), kept for the start-up benchmark's A/B runs.
    /// </summary>
    public static bool FastStart(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue("Platform:FastStart", true);

    /// <summary>
    /// Runs every project in the AppHost's environment (Development under <c>./run</c>): the services
    /// have no launch profiles. With <see cref="FastStart"/>, a project whose assembly the AppHost's
    /// build made is started as <c>dotnet exec</c> of that assembly: <c>dotnet run --no-build</c>, the
    /// orchestrator's default, evaluates the project file at every start (about 3 s of CPU per
    /// process, for 13 processes before all is healthy) and stays as a wrapper process.
    /// </summary>
    public static IDistributedApplicationBuilder RunProjectsInAppHostEnvironment(this IDistributedApplicationBuilder builder)
    {
        var environment = builder.Environment.EnvironmentName;
        var fastStart = builder.FastStart();
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = environment;
                    context.EnvironmentVariables["DOTNET_ENVIRONMENT"] = environment;
                }));
                if (fastStart && BuiltAssembly(project) is { } assembly)
                {
                    // The orchestrator still appends the project's path and --configuration: the
                    // application reads them as command-line settings it has no use for. Aspire marks
                    // this annotation as under evaluation (ADR 0047): pinned Aspire, checked by the
                    // start-up benchmark and the AppHost tests.
#pragma warning disable ASPIREPROJECTS001
                    project.Annotations.Add(new ProjectLaunchArgsOverrideAnnotation(["exec", assembly]));
#pragma warning restore ASPIREPROJECTS001
                }
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>
    /// The project's assembly as the AppHost's own build made it (same configuration and target
    /// framework, the project's ProjectReference), or null when it is not there.
    /// </summary>
    private static string? BuiltAssembly(ProjectResource project)
    {
        var projectPath = project.GetProjectMetadata().ProjectPath;
        var appHostOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = appHostOutput.Parent?.Name;
        if (configuration is null)
        {
            return null;
        }

        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, appHostOutput.Name, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        return File.Exists(assembly) ? assembly : null;
    }

    /// <summary>
    /// A run of the service's project with one verb, shown under the service. It gets the service's
    /// wiring (references, environment, and the waits <paramref name="inheritsWait"/> keeps) when the
    /// application starts, so the order of the declarations in Program.cs does not matter.
    /// </summary>
    private static IResourceBuilder<ProjectResource> AddRunOf(this IResourceBuilder<ProjectResource> service, string suffix, string verb, Func<WaitAnnotation, bool> inheritsWait)
    {
        var builder = service.ApplicationBuilder;
        var run = AddProjectLike(builder, $"{service.Resource.Name}-{suffix}", service.Resource.GetProjectMetadata())
            .WithArgs(verb)
            .WithParentRelationship(service)
            .WithAnnotation(new ServiceRunAnnotation(service.Resource));
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            var own = run.Resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource).ToHashSet();
            foreach (var annotation in service.Resource.Annotations.ToList())
            {
                switch (annotation)
                {
                    case EnvironmentCallbackAnnotation environment:
                        run.Resource.Annotations.Add(WithoutServing(environment));
                        break;
                    case ResourceRelationshipAnnotation { Type: "Reference" }:
                        run.Resource.Annotations.Add(annotation);
                        break;
                    case WaitAnnotation wait when !own.Contains(wait.Resource) && !wait.Resource.HasAnnotationOfType<ServiceRunAnnotation>() && inheritsWait(wait):
                        run.Resource.Annotations.Add(wait);
                        break;
                }
            }

            return Task.CompletedTask;
        });
        return run;
    }

    /// <summary>
    /// The service's environment less what belongs to its serving instances (its listening addresses and
    /// telemetry identity): a run has no endpoint and names itself.
    /// </summary>
    private static EnvironmentCallbackAnnotation WithoutServing(EnvironmentCallbackAnnotation service) =>
        new(async context =>
        {
            var serviceContext = new EnvironmentCallbackContext(context.ExecutionContext, context.Resource, [], context.CancellationToken);
            await service.Callback(serviceContext);
            foreach (var (name, value) in serviceContext.EnvironmentVariables)
            {
                if (!ServingVariables.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    context.EnvironmentVariables[name] = value;
                }
            }
        });

    private static readonly string[] ServingVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP", "HTTP_PORTS", "HTTPS_PORTS", "Kestrel__", "OTEL_"];

    /// <summary>
    /// <c>AddProject&lt;TProject&gt;</c> with the service's own <c>Projects.*</c> type: its metadata says the
    /// AppHost's build built the project already, so the run starts without building it again (a
    /// project added by path is built before each run).
    /// </summary>
    private static IResourceBuilder<ProjectResource> AddProjectLike(IDistributedApplicationBuilder builder, string name, IProjectMetadata metadata)
    {
        var addProject = typeof(ProjectResourceBuilderExtensions).GetMethods()
            .Single(method => method.Name == nameof(ProjectResourceBuilderExtensions.AddProject) && method.IsGenericMethodDefinition
                && method.GetParameters() is [_, _, { ParameterType: var options }] && options == typeof(Action<ProjectResourceOptions>))
            .MakeGenericMethod(metadata.GetType());
        Action<ProjectResourceOptions> withoutLaunchProfile = options => options.ExcludeLaunchProfile = true;
        return (IResourceBuilder<ProjectResource>)addProject.Invoke(null, [builder, name, withoutLaunchProfile])!;
    }

    private static bool HasAnnotationOfType<T>(this IResource resource) where T : IResourceAnnotation =>
        resource.Annotations.OfType<T>().Any();
}

/// <summary>Marks a run of a service's project with a verb (<c>--migrate</c>, <c>--seed-demo-data</c>).</summary>
public sealed record ServiceRunAnnotation(ProjectResource Service) : IResourceAnnotation;

/// <summary>Marks a demo data seeder: the accounts it prints are listed.</summary>
public sealed record DemoDataSeederAnnotation : IResourceAnnotation;

public sealed record DemoAccountAnnotation(string Login, ParameterResource Password, string Role) : IResourceAnnotation;
