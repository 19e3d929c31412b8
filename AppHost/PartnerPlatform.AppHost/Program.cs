using PartnerPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// The private servers of deploy/local/servers.
var postgres = builder.AddPostgres("postgres");
var eventbus = builder.AddRabbitMQ("eventbus");
var redis = builder.AddRedis("redis");

// The shared Data Protection key ring: every service references it.
var keys = postgres.AddDatabase("keys");

// One block per service, for example once services/Coupons exists:
//
// var couponsDb = postgres.AddDatabase("couponsdb");
// var couponsApi = builder.AddProject("coupons-api", "../../services/Coupons/Coupons.Api/Coupons.Api.csproj")
//     .WithReference(couponsDb).WithReference(keys).WithReference(eventbus).WithReference(redis)
//     .WaitFor(eventbus)
//     .WithHttpHealthCheck("/health");
//
// and the gateway, which references every service:
//
// builder.AddProject("gateway", "../../gateway/Gateway/Gateway.csproj")
//     .WithReference(keys).WithReference(redis).WithReference(couponsApi)
//     .WaitFor(couponsApi)
//     .WithHttpHealthCheck("/health")
//     .WithUrl("/docs", "docs");

builder.Build().Run();
