namespace PartnerPlatform.AppHost.LocalServers;

/// <summary>
/// An S3-compatible object storage on loopback for the S3 buckets of local runs: s3rver from npm
/// (pinned by <c>S3Server/package-lock.json</c>), run by node on a port the orchestrator allocates,
/// its objects under the AppHost's data folder. s3rver accepts only its fixed development keys.
/// </summary>
public sealed class S3ServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "node", workingDirectory)
{
    public const string EndpointName = "http";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    /// <summary>The buckets created at each start (existing objects are kept).</summary>
    public List<string> Buckets { get; } = [];
}
