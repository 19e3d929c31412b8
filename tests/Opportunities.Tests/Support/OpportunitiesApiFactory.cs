using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opportunities.Api;
using Opportunities.Api.Data;
using Opportunities.Api.Jobs;
using PartnerPlatform.Testing;

namespace Opportunities.Tests.Support;

/// <summary>opportunities-api over real servers (ServiceApiFactory); the sweeper only runs when a test calls it.</summary>
public class OpportunitiesApiFactory : ServiceApiFactory<Program>
{
    protected override string DatabaseName => OpportunitiesExtensions.DatabaseConnectionName;

    /// <summary>Settings of the <c>Opportunities</c> section a derived factory changes.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Opportunities:SweepInterval", "01:00:00");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting($"Opportunities:{key}", value);
        }
    }

    /// <summary>A fresh DbContext on the service's database, for arranging and asserting.</summary>
    public OpportunitiesDbContext Db() =>
        new(new DbContextOptionsBuilder<OpportunitiesDbContext>().UseNpgsql(DatabaseConnectionString).Options);

    public Task<(int Expired, int Recalled)> SweepAsync() => Services.GetRequiredService<DeadlineSweeper>().SweepAsync();
}
