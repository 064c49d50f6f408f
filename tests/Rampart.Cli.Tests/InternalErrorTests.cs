using Rampart.Cli.Tests.Support;
using Rampart.Policy.Rules;

namespace Rampart.Cli.Tests;

/// <summary>A bug in Rampart (here: a rule that throws) is one line and exit code 3, never a stack trace or exit 1.</summary>
public sealed class InternalErrorTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public InternalErrorTests() => _repository.Write("stack.yaml", Templates.PublicSsh);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_crash_is_one_line_on_stderr_and_exit_3()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = RampartCli.Run(["scan", "stack.yaml"], output, error, _ => null, false, _repository.Root, [new ThrowingRule()]);

        Assert.Equal(ExitCode.InternalError, (ExitCode)code);
        Assert.Equal(
            "rampart: internal error: InvalidOperationException: the rule is broken (set RAMPART_DEBUG=1 for details)" + Environment.NewLine,
            error.ToString());
    }

    [Fact]
    public void RAMPART_DEBUG_lets_the_exception_through_with_its_stack()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Throws<InvalidOperationException>(() =>
            RampartCli.Run(["scan", "stack.yaml"], output, error, name => name == "RAMPART_DEBUG" ? "1" : null, false, _repository.Root, [new ThrowingRule()]));
    }

    private sealed class ThrowingRule : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("NET-07", "Throws", Severity.High, SeedSection.Network, [], new Remediation("-", "-"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::EC2::SecurityGroup"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) => throw new InvalidOperationException("the rule is broken");
    }
}
