using System.Globalization;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Reporting;

/// <summary>How the text formats describe a suppressed finding's suppression, the same way everywhere.</summary>
public static class SuppressionText
{
    /// <summary><c>suppressed (inline, until 2027-06-30): reason</c>.</summary>
    public static string Describe(Suppression suppression) =>
        $"suppressed ({(suppression.Source == SuppressionSource.Inline ? "inline" : "suppressions file")}"
        + (suppression.Expires is { } expires ? ", until " + expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)
        + $"): {suppression.Reason}";
}
