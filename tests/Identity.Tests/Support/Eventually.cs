namespace Identity.Tests.Support;

public static class Eventually
{
    /// <summary>Polls until the condition holds, failing after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task ThatAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because ?? "The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
