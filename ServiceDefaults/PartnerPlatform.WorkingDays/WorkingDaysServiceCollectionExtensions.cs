using Microsoft.Extensions.Options;
using PartnerPlatform.WorkingDays;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkingDaysServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWorkingDayCalendar"/> as a singleton over the shipped calendars plus the files of the
    /// <c>WorkingDays</c> configuration section and <paramref name="configure"/>. The files are read and checked when
    /// the host starts, so a bad file stops the start instead of a later deadline computation.
    /// </summary>
    public static IServiceCollection AddWorkingDays(this IServiceCollection services, Action<WorkingDaysOptions>? configure = null)
    {
        var options = services.AddOptions<WorkingDaysOptions>().BindConfiguration(WorkingDaysOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => WorkingDayCalendar.Load(o).Years.Count > 0, "No working-day calendar is loaded.").ValidateOnStart();
        services.AddSingleton<IWorkingDayCalendar>(sp => WorkingDayCalendar.Load(sp.GetRequiredService<IOptions<WorkingDaysOptions>>().Value));
        return services;
    }
}
