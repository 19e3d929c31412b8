using PartnerPlatform.ServiceDefaults;
using Resellers.Api;
using Resellers.Api.Apis;
using Resellers.Api.Data;
using Resellers.Api.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddResellersServices();

var app = builder.Build();
if (args.Contains(ResellersDatabase.MigrateArgument))
{
    await ResellersDatabase.MigrateAsync(app.Services);
    return;
}

if (args.Contains(DemoDataVerb.Argument))
{
    Environment.ExitCode = await DemoDataCommand.RunAsync(app);
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapLinksApi();
app.MapEligibilityApi();
app.MapIndirectPartnersApi();
app.MapScorecardsApi();
app.MapMarketplaceApi();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
