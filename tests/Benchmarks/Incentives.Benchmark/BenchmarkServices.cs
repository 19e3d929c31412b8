using Incentives.Api;
using Incentives.Api.Application;
using Incentives.Api.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPlatform.Messaging.Outbox;

namespace Incentives.Benchmark;

/// <summary>
/// The classes incentives-api's jobs run (<see cref="MonthlyListGeneration"/>, <see cref="AutoConfirmation"/>) on the
/// service's DbContext pool and options, with the outbox rows written exactly as the service writes them
/// (<see cref="OutboxMessage.For"/>) but no relay publishing them: the measurement is the job's transactions, not
/// RabbitMQ.
/// </summary>
internal static class BenchmarkServices
{
    public static ServiceProvider Build(string connectionString, int batchSize)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<IncentivesOptions>().Configure(options => options.BatchSize = batchSize);
        services.AddWorkingDays();
        services.AddDbContextPool<IncentivesDbContext>(options => IncentivesDbContext.Configure(options, connectionString));
        services.AddScoped<IOutbox, RowsOnlyOutbox>();
        services.AddScoped<Statements>();
        services.AddSingleton<MonthlyListGeneration>();
        services.AddSingleton<AutoConfirmation>();
        return services.BuildServiceProvider();
    }

    private sealed class RowsOnlyOutbox(IncentivesDbContext db, TimeProvider time) : IOutbox
    {
        public void Add<TEvent>(TEvent @event)
            where TEvent : class => db.Set<OutboxMessage>().Add(OutboxMessage.For(@event, time.GetUtcNow()));
    }
}
