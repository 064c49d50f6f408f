using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Tests.Suppressions;

/// <summary>The central file's <c>file</c> patterns: <c>*</c> within a folder, <c>**</c> across folders, matched at any depth.</summary>
public sealed class PathPatternTests
{
    [Theory]
    [InlineData("infra/edge/web.yaml", "infra/edge/web.yaml")]
    [InlineData("edge/web.yaml", "infra/edge/web.yaml")]
    [InlineData("web.yaml", "infra/edge/web.yaml")]
    [InlineData("infra/edge/*.yaml", "infra/edge/web.yaml")]
    [InlineData("infra/**/web.yaml", "infra/web.yaml")]
    [InlineData("infra/**/web.yaml", "infra/a/b/web.yaml")]
    [InlineData("**/web.yaml", "web.yaml")]
    [InlineData("infra/**", "infra/a/b/web.yaml")]
    [InlineData(@"infra\edge\web.yaml", "infra/edge/web.yaml")]
    public void Matches(string pattern, string path)
    {
        Assert.True(PathPattern.Matches(pattern, path));
    }

    [Theory]
    [InlineData("infra/edge/*.yaml", "infra/edge/sub/web.yaml")]
    [InlineData("web.yaml", "infra/myweb.yaml")]
    [InlineData("infra/**/web.yaml", "infra/a/myweb.yaml")]
    [InlineData("**/web.yaml", "infra/notweb.yaml")]
    [InlineData("infra/*.yaml", "other/infra.yaml")]
    [InlineData("infra/edge/web.yaml", "infra/edge/web.yaml.bak")]
    public void Does_not_match(string pattern, string path)
    {
        Assert.False(PathPattern.Matches(pattern, path));
    }
}
