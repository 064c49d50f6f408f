namespace Rampart.Policy.Rules;

/// <summary>How bad a violation is; also the threshold scale of the CLI's exit code.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>The seed's sections: the same six folders in the architecture, the rules and the tests.</summary>
public enum SeedSection
{
    Network,
    Identity,
    Secrets,
    Containers,
    Data,
    Monitoring,
}

/// <summary>Public control frameworks a rule maps to.</summary>
public enum Framework
{
    /// <summary>AWS Foundational Security Best Practices (Security Hub), e.g. EC2.18.</summary>
    Fsbp,

    /// <summary>CIS AWS Foundations Benchmark, e.g. 5.2.</summary>
    Cis,

    /// <summary>An AWS Config managed rule, e.g. restricted-ssh.</summary>
    ConfigRule,
}

/// <summary>One control of a public framework, e.g. FSBP EC2.18.</summary>
public sealed record FrameworkReference(Framework Framework, string Id)
{
    public static FrameworkReference Fsbp(string id) => new(Framework.Fsbp, id);

    public static FrameworkReference Cis(string id) => new(Framework.Cis, id);

    public static FrameworkReference Config(string id) => new(Framework.ConfigRule, id);

    public override string ToString() => Framework switch
    {
        Framework.Fsbp => $"FSBP {Id}",
        Framework.Cis => $"CIS {Id}",
        _ => $"Config {Id}",
    };
}

/// <summary>What to change: in a CloudFormation template, and in a CDK app.</summary>
public sealed record Remediation(string CloudFormation, string Cdk);

/// <summary>
/// Everything a report says about a rule, next to its logic. The ID is the control ID of
/// <c>controls.md</c> and never changes meaning.
/// </summary>
public sealed record RuleMetadata(
    string Id,
    string Title,
    Severity Severity,
    SeedSection Section,
    IReadOnlyList<FrameworkReference> References,
    Remediation Remediation)
{
    /// <summary>The seed's words the control comes from (for traceability and help text); optional.</summary>
    public string? SeedText { get; init; }
}
