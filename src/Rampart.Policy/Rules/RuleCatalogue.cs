using Rampart.Policy.Rules.Containers;
using Rampart.Policy.Rules.Data;
using Rampart.Policy.Rules.Identity;
using Rampart.Policy.Rules.Monitoring;
using Rampart.Policy.Rules.Network;
using Rampart.Policy.Rules.Secrets;

namespace Rampart.Policy.Rules;

/// <summary>
/// Every rule of the product, as an explicit list (no reflection, no directory scanning): a rule not
/// listed here does not run. A test checks the IDs against the control catalogue.
/// </summary>
public static class RuleCatalogue
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        .. NetworkRules.All,
        .. IdentityRules.All,
        .. SecretsRules.All,
        .. ContainersRules.All,
        .. DataRules.All,
        .. MonitoringRules.All,
    ];

    /// <summary>Controls that are about templates but cannot be judged from one (listed, never dropped silently).</summary>
    public static IReadOnlyDictionary<string, string> NotScannable { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CTR-10"] = "Service discovery is how services address each other at run time; a template cannot show that no public address is used.",
        ["CTR-12"] = "Image signing and verification happen in the pipeline and at deploy time (a plan item in the seed), outside any template.",
        ["MON-08"] = "Automated response is judged by what the deployed system does with findings; a template scan cannot prove remediation works.",
        ["MON-10"] = "The KPI dashboard is an operational artefact; its presence is checked by the architecture's tests, not by scanning user templates.",
        ["CTR-11"] = "Dockerfiles are scanned by a later issue's Dockerfile rules.",
    };
}
