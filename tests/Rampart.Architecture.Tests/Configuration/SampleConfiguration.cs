using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Configuration;

/// <summary>
/// A valid two-environment configuration whose line numbers the error tests rely on, and helpers to
/// break one thing in it at a time.
/// </summary>
internal static class SampleConfiguration
{
    public const string FileName = "rampart.yaml";

    // Line numbers matter: tests assert FILE:LINE:COLUMN.
    public const string Yaml = """
        application: shop
        components: [web, database]
        applicationPort: 8080
        databaseEngine: postgres
        databasePort: 5432
        phase: 2
        domainName: shop.example.com
        certificate:
          source: dns-validated
        allowedRegions: [eu-west-1, eu-central-1]
        alertEmail: alerts@example.com
        environments:
          - name: dev
            account: "111111111111"
            region: eu-west-1
            availabilityZones: [eu-west-1a, eu-west-1b]
            vpcCidr: 10.0.0.0/16
          - name: prod
            account: "333333333333"
            region: eu-central-1
            availabilityZones: [eu-central-1a, eu-central-1b, eu-central-1c]
            vpcCidr: 10.1.0.0/16
        monitoring:
          auditAccount: "444444444444"
          alertSeverityThreshold: 70
          pciDss: false
        image:
          repository: shop
          tag: "2.3.1"

        """;

    /// <summary>The sample with one exact, unique piece of text replaced.</summary>
    public static string With(string find, string replacement) => With(Yaml, find, replacement);

    public static string With(string text, string find, string replacement)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"the sample has no \"{find}\"");
        Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"the sample has \"{find}\" more than once");
        return string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + find.Length));
    }

    /// <summary>The sample without the given line (which must exist once).</summary>
    public static string Without(string line) => With(line + "\n", "");

    /// <summary>Loads YAML text as <see cref="FileName"/> and returns the error lines.</summary>
    public static IReadOnlyList<string> Errors(string text, string fileName = FileName)
    {
        var result = ConfigurationLoader.Load(text, fileName);
        Assert.False(result.Succeeded, "expected the configuration to be rejected");
        Assert.Null(result.Configuration);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    public static RampartConfiguration Load(string text, string fileName = FileName)
    {
        var result = ConfigurationLoader.Load(text, fileName);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Configuration!;
    }

    /// <summary>The one error a single mistake must produce.</summary>
    public static string SingleError(string text)
    {
        var errors = Errors(text);
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        return errors[0];
    }
}
