using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

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
        var migrations = service.AddRunOf("migrate", "--migrate");
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
            var seeder = service.AddRunOf("seed", "--seed-demo-data").WithAnnotation(new DemoDataSeederAnnotation());
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

    /// <summary>Runs every project in the AppHost's environment (Development under <c>./run</c>): the services have no launch profiles.</summary>
    public static IDistributedApplicationBuilder RunProjectsInAppHostEnvironment(this IDistributedApplicationBuilder builder)
    {
        var environment = builder.Environment.EnvironmentName;
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = environment;
                    context.EnvironmentVariables["DOTNET_ENVIRONMENT"] = environment;
                }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>
    /// A run of the service's project with one verb, shown under the service. It gets the service's
    /// wiring (references, environment, waits) when the application starts, so the order of the
    /// declarations in Program.cs does not matter.
    /// </summary>
    private static IResourceBuilder<ProjectResource> AddRunOf(this IResourceBuilder<ProjectResource> service, string suffix, string verb)
    {
        var builder = service.ApplicationBuilder;
        var run = builder.AddProject($"{service.Resource.Name}-{suffix}", service.Resource.GetProjectMetadata().ProjectPath, options => options.ExcludeLaunchProfile = true)
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
                    case EnvironmentCallbackAnnotation or ResourceRelationshipAnnotation { Type: "Reference" }:
                        run.Resource.Annotations.Add(annotation);
                        break;
                    case WaitAnnotation wait when !own.Contains(wait.Resource) && !wait.Resource.HasAnnotationOfType<ServiceRunAnnotation>():
                        run.Resource.Annotations.Add(wait);
                        break;
                }
            }

            return Task.CompletedTask;
        });
        return run;
    }

    private static bool HasAnnotationOfType<T>(this IResource resource) where T : IResourceAnnotation =>
        resource.Annotations.OfType<T>().Any();
}

/// <summary>Marks a run of a service's project with a verb (<c>--migrate</c>, <c>--seed-demo-data</c>).</summary>
public sealed record ServiceRunAnnotation(ProjectResource Service) : IResourceAnnotation;

/// <summary>Marks a demo data seeder: the accounts it prints are listed.</summary>
public sealed record DemoDataSeederAnnotation : IResourceAnnotation;

public sealed record DemoAccountAnnotation(string Login, ParameterResource Password, string Role) : IResourceAnnotation;
