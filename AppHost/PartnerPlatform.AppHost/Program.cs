using Microsoft.Extensions.Configuration;
using PartnerPlatform.AppHost;
using PartnerPlatform.AppHost.LocalServers;

var builder = DistributedApplication.CreateBuilder(args);
builder.RunProjectsInAppHostEnvironment();
builder.AddStartupSummary();
if (builder.Configuration.GetValue("Platform:Timeline", false))
{
    builder.AddStartupTimeline();
}

// Every service and the gateway run this many instances (./run --replicas 2).
var replicas = builder.Configuration.GetValue("Platform:Replicas", 1);

// The Debian servers, run by deploy/local/servers serve on ports the orchestrator allocates.
var postgres = builder.AddPostgres("postgres");
var eventbus = builder.AddRabbitMQ("eventbus");
var redis = builder.AddRedis("redis");

// The vendor administrator of a fresh system, created by identity-api's --migrate run, and the one
// password of every demo account (ADR 0017): generated on the first start, kept in user secrets.
var vendorAdminPassword = builder.AddGeneratedPassword("vendor-admin-password");
var demoPassword = builder.AddGeneratedPassword("demo-password");
// The key identity-api hashes verification codes with: one for all its instances, or a code sent by
// one instance cannot be checked by another.
var verificationCodeKey = builder.AddGeneratedPassword("verification-code-key");
// The key of coupons-api's export pseudonyms: the same person has the same pseudonym whichever
// instance exports.
var exportPseudonymKey = builder.AddGeneratedPassword("export-pseudonym-key");
// The SAML service provider's signing certificate: one for every identity-api instance.
var samlKey = SamlServiceProviderKey.Create();

var identityDb = postgres.AddDatabase("identitydb");
var identityApi = builder.AddProject<Projects.Identity_Api>("identity-api")
    .WithHttpEndpoint()
    .WithReference(identityDb).WaitFor(identityDb)
    .WithReference(eventbus).WaitFor(eventbus)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Identity__VendorAdmin__UserName", "vendor-admin")
    .WithEnvironment("Identity__VendorAdmin__Password", vendorAdminPassword)
    .WithEnvironment("Identity__DemoData__Password", demoPassword)
    .WithEnvironment("Identity__VerificationCodes__HashKey", verificationCodeKey)
    .WithEnvironment("Identity__Saml__SigningCertificatePem", samlKey.CertificatePem)
    .WithEnvironment("Identity__Saml__SigningKeyPem", samlKey.KeyPem)
    .WithDemoAccount("vendor-admin", vendorAdminPassword, "vendor administrator")
    .WithMigrations()
    .WithHttpHealthCheck("/health")
    .WithReplicas(replicas);

var resellersDb = postgres.AddDatabase("resellersdb");
var resellersApi = builder.AddProject<Projects.Resellers_Api>("resellers-api")
    .WithHttpEndpoint()
    .WithReference(resellersDb).WaitFor(resellersDb)
    .WithReference(eventbus).WaitFor(eventbus)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identityApi)
    .WithMigrations()
    .WithHttpHealthCheck("/health")
    .WithReplicas(replicas);

var couponsDb = postgres.AddDatabase("couponsdb");
var couponsApi = builder.AddProject<Projects.Coupons_Api>("coupons-api")
    .WithHttpEndpoint()
    .WithReference(couponsDb).WaitFor(couponsDb)
    .WithEnvironment("Coupons__ExportPseudonymKey", exportPseudonymKey)
    .WithReference(eventbus).WaitFor(eventbus)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identityApi)
    .WithMigrations()
    .WithHttpHealthCheck("/health")
    .WithReplicas(replicas);

var opportunitiesDb = postgres.AddDatabase("opportunitiesdb");
var opportunitiesApi = builder.AddProject<Projects.Opportunities_Api>("opportunities-api")
    .WithHttpEndpoint()
    .WithReference(opportunitiesDb).WaitFor(opportunitiesDb)
    .WithReference(eventbus).WaitFor(eventbus)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identityApi)
    .WithMigrations()
    .WithHttpHealthCheck("/health")
    .WithReplicas(replicas);

var incentivesDb = postgres.AddDatabase("incentivesdb");
var incentivesApi = builder.AddProject<Projects.Incentives_Api>("incentives-api")
    .WithHttpEndpoint()
    .WithReference(incentivesDb).WaitFor(incentivesDb)
    .WithReference(eventbus).WaitFor(eventbus)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identityApi)
    .WithMigrations()
    .WithHttpHealthCheck("/health")
    .WithReplicas(replicas);

// Local buckets (the default kind) and export files live in the data folder of the servers; S3
// buckets go to s3rver, whose bucket partner-files exists from its start.
var objectStorage = builder.AddS3Server("s3", "partner-files");
var filesRoot = Path.Combine(builder.DataDirectory(), "subscription-files");
var subscriptionFilesDb = postgres.AddDatabase("subscriptionfilesdb");
var subscriptionFilesApi = builder.AddProject<Projects.SubscriptionFiles_Api>("subscription-files-api")
    .WithHttpEndpoint()
    .WithReference(subscriptionFilesDb).WaitFor(subscriptionFilesDb)
    .WithReference(eventbus).WaitFor(eventbus)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identityApi)
    .WithEnvironment("SubscriptionFiles__LocalBucketRoot", Path.Combine(filesRoot, "buckets"))
    .WithEnvironment("SubscriptionFiles__ExportRoot", Path.Combine(filesRoot, "exports"))
    .WithEnvironment("SubscriptionFiles__S3__ServiceUrl", objectStorage.Resource.Endpoint)
    .WithEnvironment("SubscriptionFiles__S3__AccessKey", S3ServerResource.AccessKey)
    .WithEnvironment("SubscriptionFiles__S3__SecretKey", S3ServerResource.SecretKey)
    .WithEnvironment("SubscriptionFiles__S3__ForcePathStyle", "true")
    .WaitFor(objectStorage)
    .WithMigrations()
    .WithHttpHealthCheck("/health")
    .WithReplicas(replicas);

// The public edge: routes to every service (services__{name}__http__0), checks tokens, limits rates.
// Probed on /alive: its /health calls every service's, which are probed here already. It starts
// beside the services, not after them: it needs their addresses, which exist before they run, and
// answers 503 for a service not up yet (without Platform:FastStart, once every service is healthy).
var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithHttpEndpoint()
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/alive")
    .WithUrl("/docs", "docs")
    .WithReplicas(replicas);
foreach (var service in new[] { identityApi, resellersApi, couponsApi, opportunitiesApi, incentivesApi, subscriptionFilesApi })
{
    gateway.WithReference(service);
    if (!builder.FastStart())
    {
        gateway.WaitFor(service);
    }
}

// Demo data once everything is healthy, one seeder after another (ADR 0017).
builder.AddDemoDataSeeding(identityApi, resellersApi, couponsApi, opportunitiesApi, incentivesApi, subscriptionFilesApi);

builder.Build().Run();
