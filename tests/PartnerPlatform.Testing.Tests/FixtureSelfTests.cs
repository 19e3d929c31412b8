using Npgsql;
using RabbitMQ.Client;
using Xunit;

namespace PartnerPlatform.Testing.Tests;

public sealed class PostgresFixtureSelfTests(PostgresDatabaseFixture db) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Fresh_database_is_a_real_postgres_database_of_its_own()
    {
        await using var dataSource = db.CreateDataSource();
        await using var command = dataSource.CreateCommand("select current_database(), version()");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(db.DatabaseName, reader.GetString(0));
        Assert.StartsWith("PostgreSQL 15", reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fresh_database_starts_without_user_tables()
    {
        await using var dataSource = db.CreateDataSource();
        await using var command = dataSource.CreateCommand(
            "select count(*) from information_schema.tables where table_schema = 'public' and table_name like 'self_test_%'");
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        await using var create = dataSource.CreateCommand("create table self_test_marker (id int)");
        await create.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Dropping_the_fixture_removes_its_database()
    {
        var other = new PostgresDatabaseFixture();
        await other.InitializeAsync();
        await other.DisposeAsync();

        await using var admin = db.CreateDataSource();
        await using var command = admin.CreateCommand("select count(*) from pg_database where datname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = other.DatabaseName });
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}

public sealed class RabbitMqFixtureSelfTests(RabbitMqVirtualHostFixture broker) : IClassFixture<RabbitMqVirtualHostFixture>
{
    [Fact]
    public async Task A_message_published_into_the_fresh_virtual_host_comes_back()
    {
        var factory = new ConnectionFactory { Uri = broker.ConnectionUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        Assert.Equal(broker.VirtualHost, factory.VirtualHost);

        var queue = await channel.QueueDeclareAsync("self-test", durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", queue.QueueName, "hello"u8.ToArray());

        BasicGetResult? got = null;
        for (var i = 0; i < 50 && got is null; i++)
        {
            got = await channel.BasicGetAsync(queue.QueueName, autoAck: true);
            if (got is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(got);
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(got.Body.Span));
    }

    [Fact]
    public async Task Management_api_sees_queue_depth_in_the_virtual_host()
    {
        var factory = new ConnectionFactory { Uri = broker.ConnectionUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync("self-test-depth", durable: true, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", "self-test-depth", "one"u8.ToArray());
        await channel.BasicPublishAsync("", "self-test-depth", "two"u8.ToArray());

        var count = 0;
        for (var i = 0; i < 100 && count < 2; i++)
        {
            count = await broker.CountMessagesAsync("self-test-depth");
            if (count < 2)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(2, count);
    }
}

public sealed class RedisFixtureSelfTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>
{
    [Fact]
    public async Task Values_written_in_the_class_database_are_read_back()
    {
        Assert.InRange(redis.Database, 1, 1023);
        Assert.Equal("OK", await redis.SendAsync("SET", "self-test", "value"));
        Assert.Equal("value", await redis.SendAsync("GET", "self-test"));
    }

    [Fact]
    public async Task Another_fixture_has_its_own_key_space()
    {
        await redis.SendAsync("SET", "isolated", "mine");
        var other = new RedisDatabaseFixture();
        await other.InitializeAsync();
        try
        {
            Assert.NotEqual(redis.Database, other.Database);
            Assert.Equal("", await other.SendAsync("GET", "isolated"));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }
}

public sealed class ServerEnvironmentTests
{
    [Fact]
    public void Env_file_lines_are_parsed_with_quotes_removed()
    {
        var parsed = ServerEnvironment.ParseEnvFile(
        [
            "# comment",
            "ConnectionStrings__postgres='Host=127.0.0.1;Port=5432'",
            "export A=\"b\"",
            "",
            "PLAIN=value",
        ]).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("Host=127.0.0.1;Port=5432", parsed["ConnectionStrings__postgres"]);
        Assert.Equal("b", parsed["A"]);
        Assert.Equal("value", parsed["PLAIN"]);
        Assert.Equal(3, parsed.Count);
    }

    [Fact]
    public void Redis_connection_string_yields_host_port_and_password()
    {
        var endpoint = RedisEndpoint.Parse("127.0.0.1:6390,password=secret,defaultDatabase=3");
        Assert.Equal(new RedisEndpoint("127.0.0.1", 6390, "secret"), endpoint);
    }
}
