namespace PartnerPlatform.Redis.Protocol;

internal static class TaskExtensions
{
    /// <summary>For a task nobody will await any more: observes a later failure so it is not reported as unobserved.</summary>
    public static void ObserveLaterFailure(this Task task)
    {
        if (!task.IsCompleted)
        {
            _ = task.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            _ = task.Exception;
        }
    }
}
