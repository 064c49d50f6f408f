using System.Globalization;
using System.Text.RegularExpressions;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// How often a schedule expression fires, as the longest gap between two runs in days: <c>rate(N unit)</c> (the
/// form Secrets Manager, EventBridge and EventBridge Scheduler share) or an AWS six-field <c>cron(...)</c>.
/// A cron expression is judged by the calendar days it fires on over eight years (hours and minutes do not
/// change the gap between days), so month lengths, leap years and weekday patterns count exactly.
/// </summary>
public static partial class Schedules
{
    private static readonly DateOnly First = new(2024, 1, 1);
    private static readonly DateOnly Last = new(2031, 12, 31);

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>The longest gap between runs, in days; null when the expression is not understood.</summary>
    public static double? MaxIntervalDays(string expression)
    {
        var text = expression.Trim();
        if (RatePattern().Match(text) is { Success: true } rate)
        {
            var amount = double.Parse(rate.Groups["n"].Value, CultureInfo.InvariantCulture);
            return rate.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
            {
                "minute" => amount / (24 * 60),
                "hour" => amount / 24,
                _ => amount,
            };
        }

        return CronPattern().Match(text) is { Success: true } cron ? CronMaxInterval(cron.Groups["fields"].Value) : null;
    }

    private static double? CronMaxInterval(string fieldsText)
    {
        var fields = fieldsText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            return null;
        }

        var (dayOfMonth, month, dayOfWeek, year) = (fields[2], fields[3], fields[4], fields[5]);
        if ((dayOfMonth == "?") == (dayOfWeek == "?"))
        {
            return null; // AWS needs exactly one of the day fields to be "?"
        }

        var months = Parse(month, 1, 12, MonthNames);
        var years = year == "*" ? null : Parse(year, 1970, 2199, []);
        var days = dayOfMonth == "?" ? null : Parse(dayOfMonth.Replace("L", "32", StringComparison.Ordinal), 1, 32, []);
        var weekdays = dayOfWeek == "?" ? null : Parse(dayOfWeek, 1, 7, DayNames);
        if (months is null || (year != "*" && years is null) || (dayOfMonth != "?" && days is null) || (dayOfWeek != "?" && weekdays is null))
        {
            return null;
        }

        DateOnly? previous = null;
        var longest = 0;
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var fires = months.Contains(day.Month)
                && (years is null || years.Contains(day.Year))
                && (days is null || days.Contains(day.Day) || (days.Contains(32) && day.Day == DateTime.DaysInMonth(day.Year, day.Month)))
                && (weekdays is null || weekdays.Contains((int)day.DayOfWeek + 1));
            if (!fires)
            {
                continue;
            }

            if (previous is { } before)
            {
                longest = Math.Max(longest, day.DayNumber - before.DayNumber);
            }

            previous = day;
        }

        // Fewer than two runs in eight years: as good as never.
        return previous is null || longest == 0 ? double.PositiveInfinity : longest;
    }

    /// <summary>The values of one cron field: <c>*</c>, <c>n</c>, <c>a-b</c>, <c>*/s</c>, <c>a/s</c>, <c>a-b/s</c>, names, lists; null when not understood.</summary>
    private static HashSet<int>? Parse(string field, int min, int max, string[] names)
    {
        var values = new HashSet<int>();
        foreach (var item in field.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => (string.Empty, 0),
            };
            if (step == 0)
            {
                return null;
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b] && Value(a, min, names) is { } low && Value(b, min, names) is { } high)
            {
                (from, to) = (low, high);
            }
            else if (Value(range, min, names) is { } single)
            {
                (from, to) = (single, item.Contains('/', StringComparison.Ordinal) ? max : single);
            }
            else
            {
                return null;
            }

            if (from < min || to > max || from > to)
            {
                return null;
            }

            for (var v = from; v <= to; v += step)
            {
                values.Add(v);
            }
        }

        return values;
    }

    private static int? Value(string text, int min, string[] names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + min;
    }

    [GeneratedRegex(@"^rate\(\s*(?<n>\d+)\s+(?<unit>minutes?|hours?|days?)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\((?<fields>[^)]+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex CronPattern();
}
