namespace Rampart.App;

/// <summary>The app's command line, parsed.</summary>
/// <param name="ConfigPath">The configuration file; null for the embedded default.</param>
/// <param name="OutputDirectory">Where the cloud assembly goes; null to use $CDK_OUTDIR or ./cdk.out.</param>
/// <param name="ShowHelp">True for --help.</param>
public sealed record SynthesizeOptions(string? ConfigPath, string? OutputDirectory, bool ShowHelp)
{
    public const string Accepted = "--config FILE, --output DIR, --help";

    /// <summary>Parses the arguments; on a mistake returns null and the one-line error.</summary>
    public static SynthesizeOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? config = null;
        string? output = null;
        var help = false;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    help = true;
                    break;
                case "-c" or "--config":
                    if (!TakeValue(args, ref i, name, inlineValue, "FILE", ref config, out error))
                    {
                        return null;
                    }

                    break;
                case "-o" or "--output":
                    if (!TakeValue(args, ref i, name, inlineValue, "DIR", ref output, out error))
                    {
                        return null;
                    }

                    break;
                default:
                    error = name.StartsWith('-')
                        ? $"unknown option ({args[i]}); accepted: {Accepted}"
                        : $"unexpected argument ({args[i]}); accepted: {Accepted}";
                    return null;
            }
        }

        return new SynthesizeOptions(config, output, help);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue, string placeholder, ref string? target, out string? error)
    {
        error = null;
        var value = inlineValue;
        if (value is null && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
        {
            value = args[++i];
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"{name} needs a value; accepted: {name} {placeholder}";
            return false;
        }

        if (target is not null)
        {
            error = $"{name} given twice ({target}, {value}); accepted: {name} {placeholder} once";
            return false;
        }

        target = value;
        return true;
    }
}
