using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>Expected refusals are logged as information without a stack trace; faults stay errors with theirs.</summary>
public sealed class RefusalLogTests : IAsyncLifetime
{
    private readonly Capture _logs = new();
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        configure: builder => builder.Logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Information),
        map: app =>
        {
            var api = app.MapGroup("/v2/samples").AllowAnonymous();
            api.MapGet("/taken", () => { throw ApiException.IllegalState("The name is taken."); });
            api.MapGet("/unique", () => { throw new DbUpdateException(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")); });
            api.MapGet("/crash", () => { throw new InvalidOperationException("boom"); });
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/v2/samples/taken")]
    [InlineData("/v2/samples/unique")]
    public async Task A_refusal_is_one_information_line_with_its_code_and_no_exception(string path)
    {
        await ProblemAssert.IsProblem(await _host.Client.GetAsync(path), HttpStatusCode.Conflict, "CBC.0150");

        var about = _logs.Entries.Where(e => e.Category == typeof(ApiExceptionHandler).FullName && e.Message.Contains(path, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(about);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("CBC.0150", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_fault_stays_an_error_with_its_exception()
    {
        await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/crash"), HttpStatusCode.InternalServerError, "CBC.0999");

        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    private sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    private sealed class DbUpdateException(Exception inner) : Exception("An error occurred while saving the entity changes.", inner);

    private sealed class Capture : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyCollection<Entry> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(_entries, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<Entry> entries, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
