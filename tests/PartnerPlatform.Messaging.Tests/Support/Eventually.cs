namespace PartnerPlatform.Messaging.Tests.Support;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
