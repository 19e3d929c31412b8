using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// <c>offset</c> (≥ 0, default 0) and <c>limit</c> (1..100, default 10). Out-of-range or
/// non-integer values are rejected with 400 CBC.0100, never clamped. As an endpoint parameter it
/// binds from the query string; for paging inside a JSON body use <see cref="Create"/>.
/// </summary>
public sealed record PageRequest
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    private PageRequest(int offset, int limit)
    {
        Offset = offset;
        Limit = limit;
    }

    public int Offset { get; }

    public int Limit { get; }

    public static PageRequest Default { get; } = new(0, DefaultLimit);

    /// <summary>Validates values (null = default); throws <see cref="ApiException"/> CBC.0100 naming the bad fields.</summary>
    public static PageRequest Create(int? offset, int? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (offset < 0)
        {
            errors["offset"] = ["offset must be 0 or greater."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        return errors.Count > 0
            ? throw ApiException.Validation(errors)
            : new PageRequest(offset ?? 0, limit ?? DefaultLimit);
    }

    /// <summary>Minimal API binding from <c>?offset=&amp;limit=</c>.</summary>
    public static ValueTask<PageRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var offset = ParseOptional(query["offset"], "offset", errors);
        var limit = ParseOptional(query["limit"], "limit", errors);
        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        return ValueTask.FromResult<PageRequest?>(Create(offset, limit));
    }

    private static int? ParseOptional(string? raw, string name, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[name] = [$"{name} must be an integer."];
        return null;
    }
}

public static class PageRequestExtensions
{
    /// <summary>Skip/Take of one page (works for LINQ to objects and EF Core queries alike).</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, PageRequest page) => query.Skip(page.Offset).Take(page.Limit);

    public static IEnumerable<T> Page<T>(this IEnumerable<T> items, PageRequest page) => items.Skip(page.Offset).Take(page.Limit);
}
