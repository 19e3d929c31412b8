using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost.Tests;

public sealed class ModelTests
{
    [Fact]
    public void Restart_delays_double_per_crash_up_to_the_maximum()
    {
        var policy = new RestartPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(n => policy.DelayBefore(n).TotalSeconds));
    }

    [Fact]
    public void A_run_that_lasted_long_enough_starts_the_back_off_over()
    {
        var policy = new RestartPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

        Assert.Equal(4, policy.NextCrashNumber(3, TimeSpan.FromSeconds(29)));
        Assert.Equal(1, policy.NextCrashNumber(3, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void The_command_line_sets_the_dashboard_port_build_demo_data_and_servers()
    {
        var options = DistributedApplicationOptions.FromArgs(["--dashboard-port", "19999", "--no-build", "-c", "Release", "--no-demo-data", "--keep-servers", "--environment", "Staging"]);

        Assert.Equal((19999, false, "Release", (bool?)false, true, "Staging"),
            (options.DashboardPort, options.Build, options.Configuration, options.DemoData, options.KeepServers, options.EnvironmentName));
        Assert.Throws<ArgumentException>(() => DistributedApplicationOptions.FromArgs(["--what"]));
    }

    [Fact]
    public void A_wait_cycle_is_refused_when_declared()
    {
        var builder = SampleApp.CreateBuilder(TextWriter.Null);
        var a = builder.AddSample("a");
        var b = builder.AddSample("b").WaitFor(a);

        Assert.Throws<InvalidOperationException>(() => a.WaitFor(b));
        a.WithReference(b); // references may go both ways: service discovery is not a start order
    }

    [Fact]
    public void Names_are_unique_and_one_server_of_each_kind_is_declared()
    {
        var builder = SampleApp.CreateBuilder(TextWriter.Null);
        builder.AddPostgres("postgres");

        Assert.Throws<InvalidOperationException>(() => builder.AddPostgres("other"));
        Assert.Throws<InvalidOperationException>(() => builder.AddRedis("postgres"));
        Assert.Throws<ArgumentException>(() => builder.AddRedis("Not Valid"));
        Assert.Throws<FileNotFoundException>(() => builder.AddProject("ghost", "../nowhere/Ghost.csproj"));
    }

    [Theory]
    [InlineData("""demo-account: {"login":"a@b.test","password":"pw","role":"admin"}""", "a@b.test", "pw", "admin")]
    [InlineData("""demo-account: {"login":"a@b.test","password":"pw"}""", "a@b.test", "pw", null)]
    public void A_demo_account_line_is_read_from_the_seeders_output(string line, string login, string password, string? role) =>
        Assert.Equal(new DemoAccount("svc", login, password, role), DemoAccountLine.TryParse("svc", line));

    [Theory]
    [InlineData("seeding 40 coupons")]
    [InlineData("demo-account: not json")]
    [InlineData("""demo-account: {"login":"only"}""")]
    public void Other_output_of_the_seeder_is_not_an_account(string line) =>
        Assert.Null(DemoAccountLine.TryParse("svc", line));
}
