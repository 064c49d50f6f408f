namespace Rampart.App;

/// <summary>The app's exit codes (also listed by <c>--help</c> and in docs/configuration.md).</summary>
public enum ExitCode
{
    /// <summary>The cloud assembly was written.</summary>
    Synthesized = 0,

    /// <summary>Synthesis failed unexpectedly; one line on stderr (the stack trace with RAMPART_DEBUG=1).</summary>
    SynthesisFailed = 1,

    /// <summary>The configuration or the command line is invalid; one line per mistake on stderr, nothing written.</summary>
    InvalidInput = 2,

    /// <summary>
    /// Synthesized, but Rampart's policy validation found an unsuppressed finding: the CDK's validation
    /// report and one line per finding (control, resource, remediation) are on stderr.
    /// </summary>
    PolicyViolation = 3,
}
