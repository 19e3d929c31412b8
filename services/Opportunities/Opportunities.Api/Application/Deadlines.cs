using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Opportunities.Api.Application;

/// <summary>
/// The service's working-day deadlines on the calendar of the PSM region. When the deadline would fall
/// in a year the calendar has no data for, the action is refused with 503 <c>CBC.99002070</c>: the
/// working-days spec forbids guessing a deadline, and nothing is written.
/// </summary>
public sealed class Deadlines(IWorkingDayCalendar calendar, IOptions<OpportunitiesOptions> options)
{
    /// <summary>When vendor staff must have reviewed a PO submitted at <paramref name="submittedAt"/>.</summary>
    public DateTimeOffset ValidateBy(DateTimeOffset submittedAt, string psmRegion) =>
        Due(submittedAt, options.Value.ValidationWorkingDays, psmRegion);

    /// <summary>When a partner must have answered an HO assigned at <paramref name="assignedAt"/>.</summary>
    public DateTimeOffset RespondBy(DateTimeOffset assignedAt, string psmRegion) =>
        Due(assignedAt, options.Value.HandoverResponseWorkingDays, psmRegion);

    private DateTimeOffset Due(DateTimeOffset start, int workingDays, string psmRegion)
    {
        var region = options.Value.CalendarRegionOf(psmRegion);
        try
        {
            return calendar.AddWorkingDays(start, workingDays, region);
        }
        catch (DateOutsideCalendarException e)
        {
            throw new ApiException(
                OpportunitiesErrors.WorkingDayCalendarMissing,
                $"The working-day calendar of region {e.Region} has no data for {e.Date:yyyy-MM-dd} (loaded years: {string.Join(", ", e.LoadedYears)}), "
                + "so the deadline cannot be set. Nothing was changed; try again once that year's calendar is loaded.",
                e);
        }
    }
}
