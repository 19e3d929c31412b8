using Incentives.Api;
using Incentives.Api.Apis;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIncentivesServices();

var app = builder.Build();
if (await app.RunServiceVerbAsync(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapFhApi();
app.MapVendorFhApi();
app.MapStatementsApi();
app.MapCapabilityIncentivesApi();
app.MapProjectSubsidiesApi();
app.MapMdfApi();
app.MapNreApi();
app.MapReferenceEnums();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
