using PartnerPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// The private servers of deploy/local/servers.
var postgres = builder.AddPostgres("postgres");
var eventbus = builder.AddRabbitMQ("eventbus");
var redis = builder.AddRedis("redis");

// The shared Data Protection key ring: every service references it. Its table is created on first
// use, so referencing it alone (the gateway) means no --migrate run.
var keys = postgres.AddDatabase("keys").ExcludeFromMigrations();

// The vendor administrator of a fresh system, created by identity-api's --migrate run. Its password:
// Parameters__vendor-admin-password, else generated on the first start in Development and kept in
// .data/apphost/parameters (listed with the demo accounts).
var vendorAdminPassword = builder.AddPassword("vendor-admin-password");

// The password of every demo account identity-api's --seed-demo-data creates (the distributor, its
// two resellers, the solution provider and a customer): kept the same way, in
// .data/apphost/parameters/demo-password. Seeders run once all is healthy, in this order (ADR 0017).
var demoPassword = builder.AddPassword("demo-password");

var identityDb = postgres.AddDatabase("identitydb");
var identityApi = builder.AddProject("identity-api", "../../services/Identity/Identity.Api/Identity.Api.csproj")
    .WithReference(identityDb).WithReference(keys).WithReference(eventbus).WithReference(redis)
    .WaitFor(identityDb).WaitFor(eventbus).WaitFor(redis)
    .WithEnvironment("Identity__VendorAdmin__UserName", "vendor-admin")
    .WithEnvironment("Identity__VendorAdmin__Password", vendorAdminPassword)
    .WithDemoAccount("vendor-admin", vendorAdminPassword, "vendor administrator")
    .WithEnvironment("Identity__DemoData__Password", demoPassword)
    .WithDemoData()
    .WithHttpHealthCheck("/health");

var resellersDb = postgres.AddDatabase("resellersdb");
var resellersApi = builder.AddProject("resellers-api", "../../services/Resellers/Resellers.Api/Resellers.Api.csproj")
    .WithReference(resellersDb).WithReference(keys).WithReference(eventbus).WithReference(redis)
    .WaitFor(resellersDb).WaitFor(eventbus).WaitFor(redis)
    .WithDemoData()
    .WithHttpHealthCheck("/health");

var couponsDb = postgres.AddDatabase("couponsdb");
var couponsApi = builder.AddProject("coupons-api", "../../services/Coupons/Coupons.Api/Coupons.Api.csproj")
    .WithReference(couponsDb).WithReference(keys).WithReference(eventbus).WithReference(redis)
    .WaitFor(couponsDb).WaitFor(eventbus).WaitFor(redis)
    .WithDemoData()
    .WithHttpHealthCheck("/health");

// The public edge: routes to every service (services__{name}__http__0), checks tokens, limits rates.
// Probed on /alive: its /health calls every service's, which are probed here already.
builder.AddProject("gateway", "../../gateway/Gateway/Gateway.csproj")
    .WithReference(identityApi).WithReference(resellersApi).WithReference(couponsApi)
    .WithReference(keys).WithReference(redis)
    .WaitFor(identityApi).WaitFor(resellersApi).WaitFor(couponsApi)
    .WithHttpHealthCheck("/alive")
    .WithUrl("/docs", "docs");

builder.Build().Run();
