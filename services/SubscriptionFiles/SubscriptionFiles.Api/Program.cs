using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api;
using SubscriptionFiles.Api.Apis;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSubscriptionFilesServices();

var app = builder.Build();
if (args.Contains(SubscriptionFilesDatabase.MigrateArgument))
{
    await SubscriptionFilesDatabase.MigrateAsync(app.Services);
    return;
}

if (args.Contains(DemoDataVerb.Argument))
{
    Environment.ExitCode = await DemoDataCommand.RunAsync(app);
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapSubscriptionsApi();
app.MapDeliveriesApi();
app.MapExportsApi();
app.MapReferenceApi();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
