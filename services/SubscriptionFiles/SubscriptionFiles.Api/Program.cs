using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api;
using SubscriptionFiles.Api.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSubscriptionFilesServices();

var app = builder.Build();
if (await app.RunServiceVerbAsync(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapSubscriptionsApi();
app.MapDeliveriesApi();
app.MapExportsApi();
app.MapWebhooksApi();
app.MapReferenceEnums();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
