using Opportunities.Api;
using Opportunities.Api.Apis;
using PartnerPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOpportunitiesServices();

var app = builder.Build();
if (await app.RunServiceVerbAsync(args))
{
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
app.MapReferenceEnums();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
