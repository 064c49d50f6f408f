using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.CustomResources;
using Constructs;
using Rampart.Architecture.Identity;

namespace Rampart.Architecture.Edge;

/// <summary>Inputs of <see cref="CrossRegionParameters"/>.</summary>
public sealed class CrossRegionParametersProps
{
    /// <summary>The region the parameters live in (the workload's).</summary>
    public required string SourceRegion { get; init; }

    /// <summary>
    /// The parameter path the reader may read below, e.g. <c>/webapp/dev/edge</c>: its role is limited
    /// to <c>ssm:GetParameter</c> on that path in <see cref="SourceRegion"/>.
    /// </summary>
    public required string ParameterPath { get; init; }

    /// <summary>The encrypted log group of the reader's function.</summary>
    public required ILogGroup LogGroup { get; init; }
}

/// <summary>
/// Reads String parameters of another region of the same account at deployment, through an AWS SDK
/// custom resource. The function runs with its own role: trusted by Lambda for this account only
/// (IAM-06), allowed <c>ssm:GetParameter</c> under one path of one region and writes to its own log
/// group, nothing else (IAM-02, IAM-05).
/// </summary>
/// <remarks>
/// A value is read when the custom resource is created or its inputs change. A parameter that changes
/// later (the load balancer replaced) reaches this stack at its next deployment that changes the
/// read, or with <c>cdk deploy --force</c>.
/// </remarks>
public sealed class CrossRegionParameters : Construct
{
    private const string ValuePath = "Parameter.Value";

    private readonly CrossRegionParametersProps _props;
    private readonly string _pathArn;

    public CrossRegionParameters(Construct scope, string id, CrossRegionParametersProps props)
        : base(scope, id)
    {
        if (!props.ParameterPath.StartsWith('/') || props.ParameterPath.EndsWith('/'))
        {
            throw new ArgumentException(
                $"CrossRegionParametersProps.ParameterPath '{props.ParameterPath}' is not accepted: a path starting with '/' and not ending with one, e.g. /webapp/dev/edge.");
        }

        if (!Configuration.AwsRegions.IsKnown(props.SourceRegion))
        {
            throw new ArgumentException(
                $"CrossRegionParametersProps.SourceRegion '{props.SourceRegion}' is not an AWS commercial region (e.g. eu-west-1).");
        }

        _props = props;
        var stack = Stack.Of(this);
        _pathArn = $"arn:{stack.Partition}:ssm:{props.SourceRegion}:{stack.Account}:parameter{props.ParameterPath}";
        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"Reads the parameters under {props.ParameterPath} in {props.SourceRegion}",
            AssumedBy = TrustPolicies.Service("lambda.amazonaws.com", this),
        });
        Role.AddToPrincipalPolicy(GuardedStatements.Allow(
            "WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [props.LogGroup.LogGroupArn], [stack.Region]));
    }

    /// <summary>The role the reading function runs with.</summary>
    public Role Role { get; }

    /// <summary>A token for the value of <paramref name="parameterName"/>, which must be under the path.</summary>
    public string Value(string id, string parameterName)
    {
        if (!parameterName.StartsWith(_props.ParameterPath + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Parameter '{parameterName}' is not under {_props.ParameterPath}: the reader may only read below its path.");
        }

        var read = new AwsSdkCall
        {
            Service = "SSM",
            Action = "getParameter",
            Region = _props.SourceRegion,
            Parameters = new Dictionary<string, object> { ["Name"] = parameterName },
            PhysicalResourceId = PhysicalResourceId.Of(parameterName),
            OutputPaths = [ValuePath],
        };
        var resource = new AwsCustomResource(this, id, new AwsCustomResourceProps
        {
            ResourceType = "Custom::CrossRegionParameter",
            OnCreate = read,
            OnUpdate = read,
            Role = Role,
            LogGroup = _props.LogGroup,
            // The Lambda runtime's SDK has this call; downloading one at deploy time needs the internet.
            InstallLatestAwsSdk = false,
            Policy = AwsCustomResourcePolicy.FromStatements(
            [
                GuardedStatements.Allow("ReadParameters", ["ssm:GetParameter"], [$"{_pathArn}/*"], [_props.SourceRegion]),
            ]),
        });
        return resource.GetResponseField(ValuePath);
    }
}
