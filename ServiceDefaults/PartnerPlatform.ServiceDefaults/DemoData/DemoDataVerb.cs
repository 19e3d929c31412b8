using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Demo data cannot be seeded as asked; the message says what is missing or in the way.</summary>
public sealed class DemoDataException(string message) : Exception(message);

/// <summary>
/// The <c>--seed-demo-data</c> verb (ADR 0014, ADR 0017), the same in every service: refuses outside
/// Development (exit 2, nothing written); runs the service's seeder in a scope of its own and prints
/// the lines it returns (exit 0); a <see cref="DemoDataException"/> or <see cref="ApiException"/> is
/// one clear line on the error output and exit 1.
/// </summary>
public static class DemoDataVerb
{
    public const string Argument = "--seed-demo-data";

    public static async Task<int> RunAsync(WebApplication app, Func<IServiceProvider, Task<IEnumerable<string>>> seed)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(seed);
        if (!app.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync(
                $"{Argument} seeds demo data in Development only; the environment is {app.Environment.EnvironmentName}, so nothing was seeded.");
            return 2;
        }

        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            foreach (var line in await seed(scope.ServiceProvider))
            {
                await Console.Out.WriteLineAsync(line);
            }

            return 0;
        }
        catch (DemoDataException ex)
        {
            await Console.Error.WriteLineAsync("demo data not seeded: " + ex.Message);
            return 1;
        }
        catch (ApiException ex)
        {
            await Console.Error.WriteLineAsync($"demo data not seeded: {ex.Error.Code} {ex.Message}");
            return 1;
        }
    }
}
