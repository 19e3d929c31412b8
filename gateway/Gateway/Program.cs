using Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayServices();

var app = builder.Build();
app.UseGateway();
app.MapGatewayEndpoints();
app.Run();

/// <summary>Entry point, public for the integration tests' host factory.</summary>
public partial class Program;
