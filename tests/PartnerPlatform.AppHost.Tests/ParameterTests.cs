namespace PartnerPlatform.AppHost.Tests;

/// <summary>Generated passwords, their environment override, and the accounts declared with them.</summary>
public sealed class ParameterTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("apphost-parameters-").FullName;
    private readonly string _otherRepository = Directory.CreateTempSubdirectory("apphost-parameters-").FullName;

    private string KeptFile => Path.Combine(_repository, ".data", "apphost", "parameters", "admin-password");

    public void Dispose()
    {
        Directory.Delete(_repository, recursive: true);
        Directory.Delete(_otherRepository, recursive: true);
    }

    [Fact]
    public void In_Development_a_password_is_generated_on_the_first_start_and_kept_for_the_next_ones()
    {
        var first = Builder().AddPassword("admin-password");
        var second = Builder().AddPassword("admin-password");

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(KeptFile, first.File);
        Assert.Equal(first.Value + "\n", File.ReadAllText(KeptFile));
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeptFile));
        }

        Assert.NotEqual(first.Value, Builder(repository: _otherRepository).AddPassword("admin-password").Value);
    }

    [Fact]
    public void A_generated_password_has_24_letters_and_digits_of_every_kind()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => Parameter.GeneratePassword()).ToList();

        Assert.All(passwords, p =>
        {
            Assert.Equal(24, p.Length);
            Assert.True(p.Any(char.IsAsciiLetterLower) && p.Any(char.IsAsciiLetterUpper) && p.Any(char.IsAsciiDigit), p);
            Assert.True(p.All(char.IsAsciiLetterOrDigit), p);
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Fact]
    public async Task AppHosts_starting_at_the_same_moment_agree_on_one_password()
    {
        using var start = new Barrier(8);
        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return Builder().AddPassword("admin-password").Value;
        })));

        Assert.Single(values.Distinct());
        Assert.Equal(values[0] + "\n", File.ReadAllText(KeptFile));
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(KeptFile)!)); // no temporary file left
    }

    [Fact]
    public void A_value_from_the_environment_wins_and_nothing_is_kept()
    {
        var builder = Builder();
        builder.Options.Parameters["admin-password"] = "Given-by-the-operator-1";

        var parameter = builder.AddPassword("admin-password");

        Assert.Equal(("Given-by-the-operator-1", (string?)null), (parameter.Value, parameter.File));
        Assert.False(File.Exists(KeptFile));
    }

    [Fact]
    public void Outside_Development_a_password_without_a_value_stops_the_start_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder("Production").AddPassword("admin-password"));

        Assert.Contains("Parameters__admin-password", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeptFile));
    }

    [Fact]
    public async Task A_declared_account_reaches_the_project_by_environment_and_is_listed_in_Development_only()
    {
        foreach (var (environment, listed) in new[] { ("Development", true), ("Staging", false) })
        {
            var builder = Builder(environment);
            builder.Options.Parameters["admin-password"] = "Pw-" + environment;
            var password = builder.AddPassword("admin-password");
            var project = builder.AddSample("accounts")
                .WithEnvironment("Sample__Password", password)
                .WithDemoAccount("admin", password, "administrator");
            await using var app = builder.Build();

            Assert.Equal("Pw-" + environment, app.Orchestrator.EnvironmentFor(project.Resource)["Sample__Password"]);
            var rows = Orchestration.SummaryTable.Rows(app.Orchestrator).Select(r => r.Value).ToList();
            Assert.Equal(listed, rows.Any(v => v.Contains("admin / Pw-" + environment, StringComparison.Ordinal)));
            Assert.Equal(listed ? 1 : 0, app.Orchestrator.DemoAccounts.Count);
        }
    }

    [Fact]
    public void Only_a_database_that_needs_migrations_gives_its_project_a_migrate_run()
    {
        var builder = Builder();
        var postgres = builder.AddPostgres("postgres");
        var keys = postgres.AddDatabase("keys").ExcludeFromMigrations();
        var own = postgres.AddDatabase("owndb");

        Assert.False(builder.AddSample("edge").WithReference(keys).Resource.HasMigrations);
        Assert.True(builder.AddSample("service").WithReference(keys).WithReference(own).Resource.HasMigrations);
    }

    private DistributedApplicationBuilder Builder(string environment = "Development", string? repository = null)
    {
        var builder = SampleApp.CreateBuilder(TextWriter.Null);
        builder.Options.RepositoryRoot = repository ?? _repository;
        builder.Options.EnvironmentName = environment;
        builder.Options.Parameters = new Dictionary<string, string>();
        return builder;
    }
}
