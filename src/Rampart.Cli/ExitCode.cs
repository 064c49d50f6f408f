namespace Rampart.Cli;

/// <summary>
/// What <c>rampart</c> returns. Documented in <c>--help</c> and the README; never changes meaning.
/// </summary>
public enum ExitCode
{
    /// <summary>Nothing at or above the severity threshold, every input read.</summary>
    Success = 0,

    /// <summary>
    /// Findings at or above the threshold, or a template that could not be parsed, or a broken suppression
    /// (the rest of the inputs were still scanned and reported).
    /// </summary>
    Findings = 1,

    /// <summary>Bad usage (unknown option, bad value), a path that does not exist, or nothing that could be scanned.</summary>
    UsageOrInput = 2,

    /// <summary>A bug in Rampart: one line on standard error (details with RAMPART_DEBUG=1).</summary>
    InternalError = 3,
}
