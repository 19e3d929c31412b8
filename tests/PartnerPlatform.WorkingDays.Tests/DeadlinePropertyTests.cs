using FsCheck;
using FsCheck.Fluent;

namespace PartnerPlatform.WorkingDays.Tests;

public sealed class DeadlinePropertyTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Load();

    // Instants from Monday 5 January 2026 to 31 August 2027 (UTC), with deadlines up to 60 working days:
    // far enough from both ends of the loaded years that every answer exists.
    private static readonly DateTimeOffset Earliest = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly int Seconds = (int)(new DateTimeOffset(2027, 8, 31, 0, 0, 0, TimeSpan.Zero) - Earliest).TotalSeconds;

    private static readonly Arbitrary<(DateTimeOffset Instant, int WorkingDays)> Deadlines =
        (from second in Gen.Choose(0, Seconds)
         from workingDays in Gen.Choose(1, 60)
         select (Earliest.AddSeconds(second), workingDays)).ToArbitrary();

    [Fact]
    public void A_due_instant_ends_a_working_day_with_exactly_n_working_days_after_the_start_date()
    {
        var property = Prop.ForAll(Deadlines, deadline =>
        {
            var (instant, workingDays) = deadline;
            var due = Calendar.AddWorkingDays(instant, workingDays);
            var dueLocal = due.ToOffset(TimeSpan.FromHours(8));
            var dueDate = Calendar.LocalDate(due);

            return due.Offset == TimeSpan.Zero
                && dueLocal.TimeOfDay == new TimeSpan(23, 59, 59)
                && Calendar.IsWorkingDay(dueDate)
                && Calendar.CountWorkingDays(Calendar.LocalDate(instant), dueDate) == workingDays;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [Fact]
    public void A_reminder_k_working_days_before_a_due_instant_is_k_working_days_earlier_at_the_same_time()
    {
        var property = Prop.ForAll(Deadlines, Gen.Choose(1, 60).ToArbitrary(), (deadline, k) =>
        {
            var (instant, workingDays) = deadline;
            var reminders = Math.Min(k, workingDays);
            var due = Calendar.AddWorkingDays(instant, workingDays);
            var reminder = Calendar.WorkingDaysBefore(due, reminders);
            var reminderDate = Calendar.LocalDate(reminder);

            return reminder < due
                && reminder.ToOffset(TimeSpan.FromHours(8)).TimeOfDay == new TimeSpan(23, 59, 59)
                && Calendar.IsWorkingDay(reminderDate)
                && Calendar.CountWorkingDays(reminderDate, Calendar.LocalDate(due)) == reminders
                && (reminders < workingDays || Calendar.CountWorkingDays(reminderDate, Calendar.LocalDate(instant)) == 0);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }
}
