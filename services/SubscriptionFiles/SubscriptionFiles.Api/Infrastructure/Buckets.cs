using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Infrastructure;

/// <summary>An object-storage location a partner's files are written to. Keys use '/' separators.</summary>
public interface IBucket
{
    Task WriteFileAsync(string key, string localPath, CancellationToken cancellationToken);

    Task WriteTextAsync(string key, string text, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the object written under <paramref name="temporaryKey"/> (from <paramref name="localPath"/>) under its
    /// final key and removes the temporary one.
    /// </summary>
    Task PublishAsync(string temporaryKey, string finalKey, string localPath, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The object's content, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Opens buckets of either kind: local directories under the bucket root, or S3 buckets.</summary>
public sealed class BucketStorage(IOptions<SubscriptionFilesOptions> options) : IDisposable
{
    private readonly Lazy<AmazonS3Client?> _s3 = new(() => CreateS3Client(options.Value.S3));

    public bool SupportsS3 => options.Value.S3 is { ServiceUrl.Length: > 0 };

    public IBucket Open(BucketKind kind, string name) => kind switch
    {
        BucketKind.S3 => new S3Bucket(_s3.Value ?? throw new InvalidOperationException("S3 storage is not configured."), name),
        _ => new LocalDirectoryBucket(Path.Combine(Path.GetFullPath(options.Value.LocalBucketRoot), name)),
    };

    public void Dispose()
    {
        if (_s3.IsValueCreated)
        {
            _s3.Value?.Dispose();
        }
    }

    private static AmazonS3Client? CreateS3Client(S3StorageOptions? s3)
    {
        if (s3 is not { ServiceUrl.Length: > 0 })
        {
            return null;
        }

        var config = new AmazonS3Config
        {
            ServiceURL = s3.ServiceUrl,
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            // Checksums only where S3 requires them, so every S3-compatible server accepts the requests.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 1,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }
}

/// <summary>A bucket that is a directory on the service's disk. The directory must exist: nothing creates a bucket.</summary>
internal sealed class LocalDirectoryBucket(string root) : IBucket
{
    public async Task WriteFileAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var target = PathOf(key, createFolders: true);
        await using var source = File.OpenRead(localPath);
        await using var destination = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
        await source.CopyToAsync(destination, cancellationToken);
    }

    public Task WriteTextAsync(string key, string text, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(PathOf(key, createFolders: true), text, cancellationToken);

    public Task PublishAsync(string temporaryKey, string finalKey, string localPath, CancellationToken cancellationToken)
    {
        File.Move(PathOf(temporaryKey, createFolders: false), PathOf(finalKey, createFolders: true), overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key, createFolders: false));
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key, createFolders: false);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    private string PathOf(string key, bool createFolders)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("The bucket directory does not exist.");
        }

        var path = Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
        if (createFolders)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        return path;
    }
}

/// <summary>
/// A bucket on S3-compatible object storage. S3 has no rename: the final object is uploaded again from
/// the local file (server-side copy parses <c>x-amz-copy-source</c> differently across S3-compatible
/// servers), then the temporary object is deleted.
/// </summary>
internal sealed class S3Bucket(IAmazonS3 client, string bucketName) : IBucket
{
    public Task WriteFileAsync(string key, string localPath, CancellationToken cancellationToken) =>
        client.PutObjectAsync(new PutObjectRequest { BucketName = bucketName, Key = key, FilePath = localPath, UseChunkEncoding = false }, cancellationToken);

    public Task WriteTextAsync(string key, string text, CancellationToken cancellationToken) =>
        client.PutObjectAsync(
            new PutObjectRequest { BucketName = bucketName, Key = key, ContentBody = text, ContentType = "application/json", UseChunkEncoding = false },
            cancellationToken);

    public async Task PublishAsync(string temporaryKey, string finalKey, string localPath, CancellationToken cancellationToken)
    {
        await WriteFileAsync(finalKey, localPath, cancellationToken);
        await client.DeleteObjectAsync(bucketName, temporaryKey, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => client.DeleteObjectAsync(bucketName, key, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(bucketName, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
