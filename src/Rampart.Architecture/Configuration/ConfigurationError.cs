using Rampart.Policy.Model;

namespace Rampart.Architecture.Configuration;

/// <summary>
/// One mistake in a configuration, printed as one line:
/// <c>FILE:LINE:COLUMN: FIELD: what was wrong (the bad value); accepted: what is accepted</c>.
/// </summary>
/// <param name="Source">The file name (or <c>&lt;code&gt;</c> for a configuration built in code).</param>
/// <param name="Line">1-based line of the offending value; 0 when the configuration has no text.</param>
/// <param name="Column">1-based column of the offending value; 0 when the configuration has no text.</param>
/// <param name="Field">The field's path in the file, e.g. <c>environments[0].vpcCidr</c>.</param>
/// <param name="Problem">What was wrong, with the bad value in parentheses.</param>
/// <param name="Accepted">What the field accepts.</param>
public sealed record ConfigurationError(string Source, int Line, int Column, string Field, string Problem, string Accepted)
{
    /// <summary>The one-line form users read; a quoted value's line breaks and control characters are written as <c>\uXXXX</c>.</summary>
    public override string ToString() => PrintableText.Of(Line > 0
        ? $"{Source}:{Line}:{Column}: {Field}: {Problem}; accepted: {Accepted}"
        : $"{Source}: {Field}: {Problem}; accepted: {Accepted}");
}

/// <summary>Thrown where a configuration must be valid and is not (e.g. the embedded default).</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every mistake found, in file order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }
}
