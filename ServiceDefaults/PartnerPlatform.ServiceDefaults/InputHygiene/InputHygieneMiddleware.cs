using Microsoft.AspNetCore.Builder;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Refuses a request whose query string or headers carry a NUL character, before any endpoint
/// reads them (see <see cref="TextHygiene"/>). JSON bodies are checked while they are read
/// (<see cref="HygienicStringConverter"/>); the server itself refuses a path holding one.
/// </summary>
public static class InputHygieneMiddleware
{
    public static IApplicationBuilder UseInputHygiene(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!TextHygiene.IsAcceptable(name))
            {
                throw TextHygiene.Refusal("query");
            }

            foreach (var value in values)
            {
                if (!TextHygiene.IsAcceptable(value))
                {
                    throw TextHygiene.Refusal(name);
                }
            }
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                if (!TextHygiene.IsAcceptable(value))
                {
                    throw TextHygiene.Refusal(name);
                }
            }
        }

        return next(context);
    });
}
