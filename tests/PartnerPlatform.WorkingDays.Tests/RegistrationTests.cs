using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PartnerPlatform.WorkingDays.Tests;

public sealed class RegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("working-days-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_host_with_AddWorkingDays_serves_the_shipped_cn_calendar()
    {
        using var host = await StartHost(new Dictionary<string, string?>());

        var calendar = host.Services.GetRequiredService<IWorkingDayCalendar>();

        Assert.Same(calendar, host.Services.GetRequiredService<IWorkingDayCalendar>());
        Assert.Equal(Shanghai.EndOf(2026, 3, 9), calendar.AddWorkingDays(Shanghai.At(2026, 3, 6), 1));
    }

    [Fact]
    public async Task A_file_named_in_configuration_adds_a_region_and_replaces_a_shipped_year()
    {
        var region = WriteFile("xx-2026.txt", "off 2026-03-09 A local holiday");
        var official2027 = WriteFile("cn-2027.txt", "off 2027-03-08 Pretend notice day", region: "cn", year: 2027, timeZone: "Asia/Shanghai");

        using var host = await StartHost(new Dictionary<string, string?>
        {
            ["WorkingDays:Files:0"] = region,
            ["WorkingDays:Files:1"] = official2027,
        });
        var calendar = host.Services.GetRequiredService<IWorkingDayCalendar>();

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 3, 9), "xx"));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 9)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 3, 8)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 8))); // the provisional Spring Festival is gone
        Assert.Equal(
            ["official"],
            ((WorkingDayCalendar)calendar).Years.Where(y => y is { Region: "cn", Year: 2027 }).Select(y => y.Status));
    }

    [Fact]
    public async Task Files_added_in_code_load_like_configured_ones()
    {
        var region = WriteFile("xx-2026.txt", "off 2026-03-09 A local holiday");

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddWorkingDays(options => options.Files.Add(region));
        using var host = builder.Build();
        await host.StartAsync();

        Assert.False(host.Services.GetRequiredService<IWorkingDayCalendar>().IsWorkingDay(new DateOnly(2026, 3, 9), "xx"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_broken_file_stops_the_host_at_start()
    {
        var broken = WriteFile("xx-2026.txt", "work 2026-03-09 Not a weekend day");

        var error = await Assert.ThrowsAsync<CalendarFileException>(() => StartHost(new Dictionary<string, string?> { ["WorkingDays:Files:0"] = broken }));

        Assert.Contains("must be a weekend day", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_extra_files_for_the_same_region_and_year_are_refused()
    {
        var first = WriteFile("xx-2026.txt", "off 2026-03-09 A local holiday");
        var second = Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, "other")).FullName, "xx-2026.txt");
        File.Copy(first, second);

        var options = new WorkingDaysOptions();
        options.Files.Add(first);
        options.Files.Add(second);

        Assert.Throws<CalendarFileException>(() => WorkingDayCalendar.Load(options));
    }

    private static async Task<IHost> StartHost(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddWorkingDays();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private string WriteFile(string name, string entries, string region = "xx", int year = 2026, string timeZone = "Asia/Tokyo")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, $"""
            source: test data
            version: 1
            status: official
            region: {region}
            year: {year}
            time-zone: {timeZone}
            weekend: Saturday Sunday
            {entries}
            """);
        return path;
    }
}
