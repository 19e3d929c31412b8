namespace PartnerPlatform.Redis.Tests;

public sealed class RedisOptionsTests
{
    [Fact]
    public void Aspire_connection_string_gives_endpoint_password_and_database()
    {
        var options = RedisOptions.Parse("cache.internal:6380,password=s3cr=t,defaultDatabase=7");

        Assert.Equal("cache.internal", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("s3cr=t", options.Password);
        Assert.Equal(7, options.Database);
        Assert.False(options.Ssl);
    }

    [Fact]
    public void Timeouts_ssl_user_and_name_are_read_and_foreign_keys_ignored()
    {
        var options = RedisOptions.Parse("localhost:6379, ssl=True ,connectTimeout=1500,syncTimeout=250,user=gateway,name=gw-1,abortConnect=false,allowAdmin=true");

        Assert.True(options.Ssl);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.CommandTimeout);
        Assert.Equal("gateway", options.User);
        Assert.Equal("gw-1", options.ClientName);
    }

    [Theory]
    [InlineData("redis", "redis", 6379)]
    [InlineData("127.0.0.1:49595", "127.0.0.1", 49595)]
    [InlineData("[::1]:7000", "::1", 7000)]
    [InlineData("[::1]", "::1", 6379)]
    public void Endpoint_forms_are_understood(string connectionString, string host, int port)
    {
        var options = RedisOptions.Parse(connectionString);

        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
    }

    [Theory]
    [InlineData("localhost:6379,defaultDatabase=x")]
    [InlineData("localhost:6379,defaultDatabase=-1")]
    [InlineData("localhost:6379,ssl=maybe")]
    [InlineData("localhost:6379,syncTimeout=0")]
    [InlineData("localhost:99999")]
    [InlineData("password=only")]
    [InlineData("one:6379,two:6379")]
    public void Malformed_connection_strings_are_rejected(string connectionString) =>
        Assert.Throws<FormatException>(() => RedisOptions.Parse(connectionString));

    [Fact]
    public void Printed_options_mask_the_password()
    {
        var text = RedisOptions.Parse("localhost:6379,password=hunter2,defaultDatabase=3").ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("defaultDatabase=3", text, StringComparison.Ordinal);
    }
}
