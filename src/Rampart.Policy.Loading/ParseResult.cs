using Rampart.Policy.Model;

namespace Rampart.Policy.Loading;

/// <summary>What became of one file: a template, a file that is not a template, or an error.</summary>
public abstract record ParseResult
{
    private ParseResult()
    {
    }

    /// <summary>The file is a CloudFormation (or SAM) template.</summary>
    public sealed record Loaded(Template Template) : ParseResult;

    /// <summary>The file is well formed but is not a template (a package.json, a workflow...).</summary>
    public sealed record NotATemplate(string Path, string Reason) : ParseResult;

    /// <summary>The file could not be loaded.</summary>
    public sealed record Failed(LoadError Error) : ParseResult;
}
