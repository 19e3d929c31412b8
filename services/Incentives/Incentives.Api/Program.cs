using Incentives.Api;
using Incentives.Api.Apis;
using Incentives.Api.Data;
using Incentives.Api.DemoData;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIncentivesServices();

var app = builder.Build();
if (args.Contains(IncentivesDatabase.MigrateArgument))
{
    await IncentivesDatabase.MigrateAsync(app.Services);
    return;
}

if (args.Contains(DemoDataVerb.Argument))
{
    Environment.ExitCode = await DemoDataCommand.RunAsync(app);
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
app.MapReferenceApi();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
