using System.Globalization;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Rules;

namespace Rampart.App;

/// <summary>
/// The compliance summary printed after synthesis: per seed section and overall, the controls passed,
/// failed, suppressed (with written reasons) and not applicable, and the seed's "Security Rule
/// Compliance" KPI (target &gt; 95%).
/// </summary>
public static class ComplianceSummary
{
    public static void Write(EvaluationResult result, TextWriter output)
    {
        output.WriteLine("Compliance (Rampart's controls on the synthesized templates):");
        foreach (var section in Enum.GetValues<SeedSection>())
        {
            var controls = result.Controls.Where(c => c.Rule.Section == section).ToList();
            if (controls.Count > 0)
            {
                output.WriteLine($"  {section,-11} {Line(controls)}");
            }
        }

        output.WriteLine($"  {"All",-11} {Line(result.Controls)}");
        var kpi = result.CompliancePercent is { } percent
            ? percent.ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : "n/a";
        output.WriteLine($"Security Rule Compliance: {kpi} (target > 95%)");
    }

    private static string Line(IReadOnlyCollection<ControlResult> controls) =>
        $"{Count(controls, ControlOutcome.Pass)} passed, {Count(controls, ControlOutcome.Fail)} failed, "
        + $"{Count(controls, ControlOutcome.Suppressed)} suppressed, {Count(controls, ControlOutcome.NotApplicable)} not applicable";

    private static int Count(IReadOnlyCollection<ControlResult> controls, ControlOutcome outcome) => controls.Count(c => c.Outcome == outcome);
}
