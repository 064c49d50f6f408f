using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Edge;

/// <summary>
/// The names by which the workload stack hands its origin to the edge stack in us-east-1: two SSM
/// String parameters under <c>/&lt;application&gt;/&lt;environment&gt;/edge</c> (SEC-05), written by the
/// workload stack and read by the edge stack at deployment. No stack exports, no CDK cross-region
/// references: the names follow from the configuration.
/// </summary>
public static class EdgeOrigin
{
    /// <summary>The <c>&lt;component&gt;</c> segment of the parameters.</summary>
    public const string Component = "edge";

    /// <summary>The parameter holding the load balancer's DNS name.</summary>
    public const string DomainParameter = "origin-domain";

    /// <summary>The parameter holding the value of the origin header.</summary>
    public const string VerifyParameter = "origin-verify";

    /// <summary>The path both parameters are under: <c>/&lt;application&gt;/&lt;environment&gt;/edge</c>.</summary>
    public static string Path(string application, string environment) =>
        $"{ResourceNames.ParameterPath(application, environment)}/{Component}";

    /// <summary>The full name of the load balancer's DNS name parameter.</summary>
    public static string DomainParameterName(string application, string environment) =>
        ResourceNames.Parameter(application, environment, Component, DomainParameter);

    /// <summary>The full name of the origin header value parameter.</summary>
    public static string VerifyParameterName(string application, string environment) =>
        ResourceNames.Parameter(application, environment, Component, VerifyParameter);
}
