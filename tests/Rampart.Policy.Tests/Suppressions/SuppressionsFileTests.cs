using Rampart.Policy.Suppressions;
using static Rampart.Policy.Tests.Suppressions.SuppressionScan;

namespace Rampart.Policy.Tests.Suppressions;

/// <summary>Reading the central suppressions file: every mistake one clear message with its line and column.</summary>
public sealed class SuppressionsFileTests
{
    [Fact]
    public void A_well_formed_file_gives_its_suppressions_with_every_field()
    {
        var file = Central("""
            allowInlineSuppressions: false
            suppressions:
              - id: NET-07
                file: infra/edge/*.yaml
                resource: WebSg
                finding: port 443
                reason: Public HTTPS (SEC-1)
                expires: 2027-06-30
            """);

        Assert.Null(file.Error);
        Assert.Empty(file.Problems);
        Assert.False(file.AllowInline);
        var suppression = Assert.Single(file.Suppressions);
        Assert.Equal(
            new Suppression
            {
                ControlId = "NET-07",
                FilePattern = "infra/edge/*.yaml",
                LogicalId = "WebSg",
                Finding = "port 443",
                Reason = "Public HTTPS (SEC-1)",
                Expires = new DateOnly(2027, 6, 30),
                Source = SuppressionSource.File,
                Location = new Model.SourceLocation("security/suppressions.yaml", 3, 5),
            },
            suppression);
    }

    [Fact]
    public void Json_is_read_too()
    {
        var file = Central("""{ "suppressions": [ { "id": "NET-07", "reason": "Reviewed" } ] }""");

        Assert.Null(file.Error);
        Assert.Equal("NET-07", Assert.Single(file.Suppressions).ControlId);
    }

    [Fact]
    public void An_unknown_top_level_field_is_a_problem_at_its_key()
    {
        var file = Central("suppressions: []\nallowInline: false\n");

        Assert.Null(file.Error);
        Assert.Equal(["security/suppressions.yaml:2:1: unknown field 'allowInline'; accepted: allowInlineSuppressions, suppressions"], file.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_unknown_field_in_an_entry_is_a_problem_and_the_entry_is_not_applied()
    {
        // "resouce" misspelt: applied anyway, the suppression would cover every resource.
        var file = Central("suppressions:\n  - id: NET-07\n    resouce: WebSg\n    reason: Reviewed\n");

        Assert.Empty(file.Suppressions);
        Assert.Equal(
            ["security/suppressions.yaml:3:5: unknown field 'resouce' in a suppression, which is ignored; accepted: id, reason, file, resource, finding, expires"],
            file.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_bad_date_is_a_problem_at_the_date_and_the_entry_is_not_applied()
    {
        var file = Central("suppressions:\n  - id: NET-07\n    reason: Reviewed\n    expires: 30/06/2027\n");

        Assert.Empty(file.Suppressions);
        Assert.Equal(["security/suppressions.yaml:4:14: suppression of NET-07: expires '30/06/2027' is not a date; accepted: YYYY-MM-DD"], file.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_entry_without_an_id_is_a_problem()
    {
        var file = Central("suppressions:\n  - reason: Reviewed\n");

        Assert.Empty(file.Suppressions);
        Assert.Equal(["security/suppressions.yaml:2:5: a suppression needs an 'id' (a control ID such as NET-07)"], file.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Suppressions_that_are_not_a_list_make_the_file_unusable_with_the_position()
    {
        var file = Central("suppressions:\n  id: NET-07\n  reason: Reviewed\n");

        Assert.Equal("security/suppressions.yaml:2:3: 'suppressions' must be a list of {id, reason, file?, resource?, finding?, expires?}", file.Error?.ToString());
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_is_unusable()
    {
        var file = Central("- id: NET-07\n  reason: Reviewed\n");

        Assert.Equal("security/suppressions.yaml:1:1: a suppressions file is a mapping with a 'suppressions' list of {id, reason, file?, resource?, finding?, expires?}", file.Error?.ToString());
    }

    [Fact]
    public void A_missing_suppressions_list_is_unusable()
    {
        var file = Central("allowInlineSuppressions: true\n");

        Assert.Equal("security/suppressions.yaml:1:1: 'suppressions' must be a list of {id, reason, file?, resource?, finding?, expires?}", file.Error?.ToString());
    }

    [Theory]
    [InlineData("'false'", 26)]
    [InlineData("no", 26)]
    [InlineData("!!bool yes", 33)]
    public void Allow_inline_suppressions_takes_only_true_or_false(string value, int column)
    {
        var file = Central($"allowInlineSuppressions: {value}\nsuppressions: []\n");

        Assert.Equal($"security/suppressions.yaml:1:{column}: allowInlineSuppressions must be true or false", file.Error?.ToString());
    }

    [Fact]
    public void Text_that_does_not_parse_is_one_error_with_line_and_column()
    {
        var file = Central("suppressions:\n  - id: NET-07\n    reason: [unclosed\n");

        Assert.NotNull(file.Error);
        Assert.True(file.Error.Line > 0 && file.Error.Column > 0, file.Error.ToString());
        Assert.StartsWith("security/suppressions.yaml:", file.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_does_not_exist_is_one_error()
    {
        var file = Loading.Suppressions.SuppressionsFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml"), "suppressions.yaml");

        Assert.Equal("suppressions.yaml: the suppressions file does not exist", file.Error?.ToString());
    }
}
