using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost;

/// <summary>The declaration verbs, named as in Aspire.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>A database on the PostgreSQL server, created when missing; its name is the database name.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, server.Resource, databaseName ?? name);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>
    /// Referencing this database alone gives a project no <c>--migrate</c> run: its users create its
    /// tables on first use (the shared key ring), so a project such as the gateway has nothing to migrate.
    /// </summary>
    public static IResourceBuilder<PostgresDatabaseResource> ExcludeFromMigrations(this IResourceBuilder<PostgresDatabaseResource> database)
    {
        database.Resource.NeedsMigrations = false;
        return database;
    }

    /// <summary>
    /// Hands the project <c>ConnectionStrings__{name}</c> of a server or database, or
    /// <c>services__{name}__http__0</c> of another project.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<Resource> source)
    {
        if (source.Resource is not (IResourceWithConnectionString or ProjectResource))
        {
            throw new ArgumentException($"{source.Resource.Name} cannot be referenced.", nameof(source));
        }

        EnsureSameApplication(project, source);
        if (source.Resource == project.Resource)
        {
            throw new ArgumentException($"{project.Resource.Name} cannot reference itself.", nameof(source));
        }

        if (!project.Resource.References.Contains(source.Resource))
        {
            project.Resource.References.Add(source.Resource);
        }

        return project;
    }

    /// <summary>Start the project only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor(this IResourceBuilder<ProjectResource> project, IResourceBuilder<Resource> dependency)
    {
        EnsureSameApplication(project, dependency);
        if (DependsOn(dependency.Resource, project.Resource))
        {
            throw new InvalidOperationException($"{project.Resource.Name} cannot wait for {dependency.Resource.Name}: that would be a cycle.");
        }

        if (!project.Resource.WaitsFor.Contains(dependency.Resource))
        {
            project.Resource.WaitsFor.Add(dependency.Resource);
        }

        return project;
    }

    /// <summary>Healthy when GET <paramref name="path"/> answers 2xx (without it: healthy while running).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path = "/health")
    {
        project.Resource.HealthCheckPath = path;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }

    /// <summary>Hands the project a parameter's value (e.g. a generated password).</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, Parameter parameter) =>
        project.WithEnvironment(name, parameter.Value);

    /// <summary>
    /// An account the project creates from its configuration (e.g. the vendor administrator), listed
    /// with the demo accounts in the start-up table and on the dashboard — in Development only.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoAccount(this IResourceBuilder<ProjectResource> project, string login, Parameter password, string? role = null)
    {
        project.Resource.DemoAccounts.Add(new DemoAccount(project.Resource.Name, login, password.Value, role));
        return project;
    }

    /// <summary>A link shown in the dashboard and the start-up table, e.g. <c>WithUrl("/docs", "docs")</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithUrl(this IResourceBuilder<ProjectResource> project, string path, string displayText)
    {
        project.Resource.Urls.Add(new ResourceUrl(path, displayText));
        return project;
    }

    /// <summary>After everything is healthy (Development only by default), run the project with <c>--seed-demo-data</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithDemoData(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.SeedsDemoData = true;
        return project;
    }

    private static bool DependsOn(Resource resource, Resource target) =>
        resource == target || resource.WaitsFor.Any(r => DependsOn(r, target));

    private static void EnsureSameApplication(IResourceBuilder<ProjectResource> project, IResourceBuilder<Resource> other)
    {
        if (project.ApplicationBuilder != other.ApplicationBuilder)
        {
            throw new ArgumentException($"{other.Resource.Name} belongs to another application.", nameof(other));
        }
    }
}
