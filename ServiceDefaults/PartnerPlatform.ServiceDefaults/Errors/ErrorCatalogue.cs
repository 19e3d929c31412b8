using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>The codes a service registers with <see cref="ErrorCatalogueExtensions.AddErrorCodes"/>.</summary>
public sealed class ErrorCatalogueOptions
{
    public List<ErrorCode> Codes { get; } = [];
}

/// <summary>
/// Every code this service can answer with: the generic ones plus the service's own. Served at
/// <c>GET /v2/reference/error-codes</c>.
/// </summary>
public sealed class ErrorCatalogue
{
    private readonly Dictionary<string, ErrorCode> _byCode = new(StringComparer.Ordinal);

    public ErrorCatalogue(IOptions<ErrorCatalogueOptions> options)
    {
        foreach (var code in ErrorCodes.All.Concat(options.Value.Codes))
        {
            if (_byCode.TryGetValue(code.Code, out var existing) && existing != code)
            {
                throw new InvalidOperationException(
                    $"Error code {code.Code} is registered twice with different definitions ('{existing.Title}' and '{code.Title}').");
            }

            _byCode[code.Code] = code;
        }
    }

    public IReadOnlyCollection<ErrorCode> Codes => _byCode.Values;

    public ErrorCode? Find(string code) => _byCode.GetValueOrDefault(code);
}

public static class ErrorCatalogueExtensions
{
    /// <summary>Adds a service's own codes to its catalogue (duplicates with a different definition fail at start).</summary>
    public static IServiceCollection AddErrorCodes(this IServiceCollection services, params IEnumerable<ErrorCode> codes)
    {
        var list = codes.ToList();
        services.Configure<ErrorCatalogueOptions>(options => options.Codes.AddRange(list));
        return services;
    }
}
