using System.Text.Json;
using Rampart.Cli.Scan;
using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests.Scan;

/// <summary>SARIF paths must be relative to the repository root, wherever in the repository the scan runs.</summary>
public sealed class BaseDirectoryTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public BaseDirectoryTests() => _repository.Write("infra/edge/stack.yaml", Templates.PublicSsh);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void From_a_subfolder_paths_are_relative_to_the_git_root()
    {
        var result = InProcess.Run(_repository.PathOf("infra"), "scan", "edge", "--format", "sarif", "--only", "NET-07");

        Assert.Equal(["infra/edge/stack.yaml"], SarifUris(result));
    }

    [Fact]
    public void Base_dir_overrides_the_git_root()
    {
        var result = InProcess.Run(_repository.PathOf("infra"), "scan", "edge", "--format", "sarif", "--only", "NET-07", "--base-dir", ".");

        Assert.Equal(["edge/stack.yaml"], SarifUris(result));
    }

    [Fact]
    public void Outside_a_repository_paths_are_relative_to_the_current_folder()
    {
        Directory.Delete(_repository.PathOf(".git"));
        if (RepositoryRoot.Find(_repository.Root) is not null)
        {
            return; // the temp folder itself lives inside a repository on this machine: nothing to observe
        }

        var result = InProcess.Run(_repository.PathOf("infra"), "scan", "edge", "--format", "sarif", "--only", "NET-07");

        Assert.Equal(["edge/stack.yaml"], SarifUris(result));
    }

    [Fact]
    public void A_git_file_marks_a_worktree_root_too()
    {
        Directory.Delete(_repository.PathOf(".git"));
        _repository.Write("infra/.git", "gitdir: /elsewhere/.git/worktrees/infra\n");

        Assert.Equal(_repository.PathOf("infra"), RepositoryRoot.Find(_repository.PathOf("infra/edge")));
    }

    [Fact]
    public void A_file_outside_the_base_folder_keeps_its_absolute_path_as_a_file_uri()
    {
        Directory.CreateDirectory(_repository.PathOf("other"));

        var result = InProcess.Run(_repository.PathOf("infra"), "scan", "edge", "--format", "sarif", "--only", "NET-07", "--base-dir", "../other");

        Assert.Equal([new Uri(_repository.PathOf("infra/edge/stack.yaml")).AbsoluteUri], SarifUris(result));
    }

    [Fact]
    public void A_base_dir_that_does_not_exist_exits_2()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra", "--base-dir", "nowhere");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal(["rampart: --base-dir 'nowhere': no such directory; accepted: an existing folder that contains the scanned files (usually the repository root)"], result.ErrorLines);
    }

    private static List<string> SarifUris(CliResult result)
    {
        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var sarif = JsonDocument.Parse(result.Output);
        return sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!)
            .ToList();
    }
}
