using Rampart.App;

namespace Rampart.Architecture.Tests.App;

public sealed class SynthesizeOptionsTests
{
    [Theory]
    [InlineData(new string[0], null, null, false)]
    [InlineData(new[] { "--config", "a.yaml", "--output", "out" }, "a.yaml", "out", false)]
    [InlineData(new[] { "-c", "a.yaml", "-o", "out" }, "a.yaml", "out", false)]
    [InlineData(new[] { "--config=a.json", "--output=out" }, "a.json", "out", false)]
    [InlineData(new[] { "-h" }, null, null, true)]
    public void Arguments_are_parsed(string[] args, string? config, string? output, bool help)
    {
        Assert.Equal(new SynthesizeOptions(config, output, help), SynthesizeOptions.Parse(args, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(new[] { "--config" }, "--config needs a value; accepted: --config FILE")]
    [InlineData(new[] { "--output", "--config", "a.yaml" }, "--output needs a value; accepted: --output DIR")]
    [InlineData(new[] { "-c", "a.yaml", "-c", "b.yaml" }, "-c given twice (a.yaml, b.yaml); accepted: -c FILE once")]
    [InlineData(new[] { "synth" }, "unexpected argument (synth); accepted: --config FILE, --output DIR, --help")]
    public void Bad_arguments_give_one_line(string[] args, string expected)
    {
        Assert.Null(SynthesizeOptions.Parse(args, out var error));
        Assert.Equal(expected, error);
    }
}
