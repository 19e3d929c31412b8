namespace Resellers.Tests.Support;

internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Not ready yet (host starting, queue missing…).
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(message);
            }

            await Task.Delay(100);
        }
    }
}
