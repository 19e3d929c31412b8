using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Tests;

public sealed class MigrateCommandTests() : MigrateCommandTests<CouponsDbContext>(
    "Coupons.Api.dll", "couponsdb", connectionString => new(CouponsDbContext.Options(connectionString)), async db => Assert.Equal(0, await db.Quotas.CountAsync()));
