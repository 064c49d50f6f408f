using Amazon.CDK.AWS.SSM;
using Constructs;

namespace Rampart.Architecture.Secrets;

/// <summary>Inputs of <see cref="ConfigurationParameters"/>.</summary>
public sealed class ConfigurationParametersProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The seed's <c>&lt;component&gt;</c> names parameters may be filed under. Default: any valid name.</summary>
    public IReadOnlyList<string>? Components { get; init; }
}

/// <summary>
/// The application's non-sensitive configuration in SSM Parameter Store, named
/// <c>/&lt;application&gt;/&lt;environment&gt;/&lt;component&gt;/&lt;parameter&gt;</c> (SEC-05), which the task role
/// reads by path. CloudFormation cannot create SecureString parameters, so these are String
/// parameters and must never hold a secret: secrets belong in Secrets Manager. SecureStrings that an
/// operator adds under the same path are encrypted with the SSM key and readable by the task role.
/// </summary>
public sealed class ConfigurationParameters : Construct
{
    private readonly ConfigurationParametersProps _props;
    private readonly List<IStringParameter> _parameters = [];

    public ConfigurationParameters(Construct scope, string id, ConfigurationParametersProps props)
        : base(scope, id)
    {
        Path = ResourceNames.ParameterPath(props.Application, props.Environment);
        foreach (var component in props.Components ?? [])
        {
            ResourceNames.CheckSegment("component", component);
        }

        _props = props;
    }

    /// <summary>The path every parameter is under: <c>/&lt;application&gt;/&lt;environment&gt;</c>.</summary>
    public string Path { get; }

    /// <summary>The parameters created so far.</summary>
    public IReadOnlyList<IStringParameter> Parameters => _parameters;

    /// <summary>Adds one String parameter, <c>/&lt;application&gt;/&lt;environment&gt;/&lt;component&gt;/&lt;name&gt;</c>.</summary>
    public IStringParameter Add(string component, string name, string value, string description)
    {
        if (_props.Components is { } components && !components.Contains(component))
        {
            throw new ArgumentException(
                $"Parameter component '{component}' is not one of the configured components ({string.Join(", ", components)}).");
        }

        var parameterName = ResourceNames.Parameter(_props.Application, _props.Environment, component, name);
        var parameter = new StringParameter(this, $"{component}-{name}", new StringParameterProps
        {
            ParameterName = parameterName,
            StringValue = value,
            Description = description,
            Tier = ParameterTier.STANDARD,
        });
        _parameters.Add(parameter);
        return parameter;
    }
}
