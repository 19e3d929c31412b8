using Opportunities.Api;
using Opportunities.Api.Apis;
using Opportunities.Api.Data;
using Opportunities.Api.DemoData;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOpportunitiesServices();

var app = builder.Build();
if (args.Contains(OpportunitiesDatabase.MigrateArgument))
{
    await OpportunitiesDatabase.MigrateAsync(app.Services);
    return;
}

if (args.Contains(DemoDataVerb.Argument))
{
    Environment.ExitCode = await DemoDataCommand.RunAsync(app);
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapPartnerOpportunitiesApi();
app.MapVendorOpportunitiesApi();
app.MapHandoversApi();
app.MapSolutionsApi();
app.MapDealsApi();
app.MapProjectsApi();
app.MapReferenceApi();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
