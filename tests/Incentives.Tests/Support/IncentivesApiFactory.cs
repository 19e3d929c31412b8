using Incentives.Api.Data;
using Microsoft.AspNetCore.Hosting;
using PartnerPlatform.Testing;

namespace Incentives.Tests.Support;

/// <summary>incentives-api over real servers; the jobs wait an hour between rounds, so tests run sweeps and generation themselves.</summary>
public sealed class IncentivesApiFactory : ServiceApiFactory<Program>
{
    protected override string DatabaseName => "incentivesdb";

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Incentives:JobInterval", "01:00:00");
        builder.UseSetting("Incentives:BatchSize", "50");
    }

    /// <summary>A fresh DbContext on the service's database, for arranging and asserting.</summary>
    public IncentivesDbContext Db() =>
        new(IncentivesDbContext.Options(DatabaseConnectionString));
}

[CollectionDefinition(Name)]
public sealed class IncentivesCollection : ICollectionFixture<IncentivesApiFactory>
{
    public const string Name = "incentives-api";
}
