using Coupons.Api;
using Coupons.Api.Apis;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCouponsServices();

var app = builder.Build();
if (await app.RunServiceVerbAsync(args))
{
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
app.MapReferenceEnums();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
