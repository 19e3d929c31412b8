using Incentives.Api.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

public sealed class MigrateCommandTests() : MigrateCommandTests<IncentivesDbContext>("Incentives.Api.dll", "incentivesdb", connectionString => new(IncentivesDbContext.Options(connectionString)), async db =>
{
    Assert.Equal(
        ["application_modernisation", "cloud_migration_planning", "operations_excellence"],
        await db.CapabilityIncentiveScopes.Select(s => s.IncentiveKind).OrderBy(k => k).ToListAsync());
    Assert.Equal(0, await db.FhEnrolments.CountAsync());
});
