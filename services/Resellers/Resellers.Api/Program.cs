using PartnerPlatform.ServiceDefaults;
using Resellers.Api;
using Resellers.Api.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddResellersServices();

var app = builder.Build();
if (await app.RunServiceVerbAsync(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapLinksApi();
app.MapEligibilityApi();
app.MapIndirectPartnersApi();
app.MapScorecardsApi();
app.MapMarketplaceApi();
app.MapReferenceEnums();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
