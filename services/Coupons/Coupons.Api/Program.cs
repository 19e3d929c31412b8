using Coupons.Api;
using Coupons.Api.Apis;
using Coupons.Api.Data;
using Coupons.Api.DemoData;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCouponsServices();

var app = builder.Build();
if (args.Contains(CouponsDatabase.MigrateArgument))
{
    await CouponsDatabase.MigrateAsync(app.Services);
    return;
}

if (args.Contains(DemoDataVerb.Argument))
{
    Environment.ExitCode = await DemoDataCommand.RunAsync(app);
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapQuotasApi();
app.MapPartnerCouponsApi();
app.MapOperationRecordsApi();
app.MapRedemptionsApi();
app.MapCustomerCouponsApi();
app.MapWhitelistsApi();
app.MapTestVouchersApi();
app.MapReferenceApi();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
