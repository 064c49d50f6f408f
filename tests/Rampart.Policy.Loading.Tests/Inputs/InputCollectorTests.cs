using Rampart.Policy.Loading.Inputs;

namespace Rampart.Policy.Loading.Tests.Inputs;

public class InputCollectorTests
{
    [Fact]
    public void Folders_are_walked_recursively_skipping_dependency_vcs_and_build_folders()
    {
        using var tree = new TempTree();
        tree.Write("infra/app.yaml");
        tree.Write("infra/nested/deeper/db.template.json", """{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance"}}}""");
        tree.Write("infra/legacy.template");
        tree.Write("node_modules/pkg/t.json");
        tree.Write(".git/t.yaml");
        tree.Write("bin/t.yaml");
        tree.Write("src/obj/t.yaml");

        var inputs = InputCollector.Collect(["."], currentDirectory: tree.Root);

        var deployment = Assert.Single(inputs.Deployments);
        Assert.Equal(InputCollector.LooseFilesDeployment, deployment.Name);
        Assert.Equal(
            ["infra/app.yaml", "infra/legacy.template", "infra/nested/deeper/db.template.json"],
            deployment.Templates.Select(template => template.Path));
        Assert.Empty(inputs.Errors);
        Assert.Empty(inputs.Skipped);
    }

    [Fact]
    public void Files_without_a_template_extension_are_not_read_in_folders_but_are_when_named()
    {
        using var tree = new TempTree();
        tree.Write("notes.md");
        tree.Write("Program.cs");
        tree.Write("stack.cfn");

        var walked = InputCollector.Collect(["."], currentDirectory: tree.Root);
        var named = InputCollector.Collect(["stack.cfn"], currentDirectory: tree.Root);

        Assert.Empty(walked.Deployments);
        Assert.Empty(walked.Skipped);
        Assert.Equal("stack.cfn", Assert.Single(Assert.Single(named.Deployments).Templates).Path);
    }

    [Fact]
    public void Files_that_are_not_templates_are_skipped_with_a_note()
    {
        using var tree = new TempTree();
        tree.Write("package.json", """{"name": "infra", "version": "1.0.0"}""");
        tree.Write("config/settings.yaml", "Resources:\n  cpu: 2\n");

        var inputs = InputCollector.Collect(["."], currentDirectory: tree.Root);

        Assert.Empty(inputs.Deployments);
        Assert.Equal(
            [
                "config/settings.yaml: not a CloudFormation template: no AWSTemplateFormatVersion, no SAM Transform and no Resources entry with a Type",
                "package.json: not a CloudFormation template: it mentions neither Resources nor AWSTemplateFormatVersion",
            ],
            inputs.Skipped.Select(skipped => skipped.ToString()));
    }

    [Fact]
    public void One_bad_file_does_not_stop_the_others()
    {
        using var tree = new TempTree();
        tree.Write("a.yaml");
        tree.Write("b.yaml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: BucketName: x\n");
        tree.Write("c.json", """{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}""");

        var inputs = InputCollector.Collect(["."], currentDirectory: tree.Root);

        Assert.Equal(["a.yaml", "c.json"], Assert.Single(inputs.Deployments).Templates.Select(template => template.Path));
        Assert.Equal("b.yaml:4:27: while scanning a plain scalar value, found invalid mapping", Assert.Single(inputs.Errors).ToString());
    }

    [Fact]
    public void A_missing_path_is_an_error_of_its_own()
    {
        using var tree = new TempTree();
        tree.Write("good.yaml");

        var inputs = InputCollector.Collect(["missing.yaml", "good.yaml", "gone/"], currentDirectory: tree.Root);

        Assert.Equal(
            ["missing.yaml: no such file or directory", "gone: no such file or directory"],
            inputs.Errors.Select(error => error.ToString()));
        Assert.Equal("good.yaml", Assert.Single(Assert.Single(inputs.Deployments).Templates).Path);
    }

    [Fact]
    public void A_file_named_twice_or_inside_a_named_folder_is_loaded_once()
    {
        using var tree = new TempTree();
        tree.Write("infra/app.yaml");

        var inputs = InputCollector.Collect(["infra/app.yaml", "infra", tree.PathOf("infra/app.yaml")], currentDirectory: tree.Root);

        Assert.Equal("infra/app.yaml", Assert.Single(Assert.Single(inputs.Deployments).Templates).Path);
    }

    [Fact]
    public void A_symbolic_link_back_to_an_ancestor_does_not_loop()
    {
        using var tree = new TempTree();
        tree.Write("infra/app.yaml");
        Directory.CreateSymbolicLink(tree.PathOf("infra/loop"), tree.Root);

        var inputs = InputCollector.Collect(["."], currentDirectory: tree.Root);

        Assert.Equal("infra/app.yaml", Assert.Single(Assert.Single(inputs.Deployments).Templates).Path);
        Assert.Equal("infra/loop: symbolic link to a folder already scanned", Assert.Single(inputs.Skipped).ToString());
    }

    [Fact]
    public void A_symbolic_link_to_a_folder_outside_is_followed()
    {
        using var tree = new TempTree();
        using var elsewhere = new TempTree();
        elsewhere.Write("shared/network.yaml");
        Directory.CreateSymbolicLink(tree.PathOf("shared"), elsewhere.PathOf("shared"));

        var inputs = InputCollector.Collect(["."], currentDirectory: tree.Root);

        Assert.Equal("shared/network.yaml", Assert.Single(Assert.Single(inputs.Deployments).Templates).Path);
    }

    [Fact]
    public void Paths_outside_the_current_directory_are_shown_absolute_with_forward_slashes()
    {
        using var tree = new TempTree();
        using var elsewhere = new TempTree();
        var template = elsewhere.Write("app.yaml");

        var inputs = InputCollector.Collect([template], currentDirectory: tree.Root);

        Assert.Equal(template.Replace('\\', '/'), Assert.Single(Assert.Single(inputs.Deployments).Templates).Path);
    }

    [Fact]
    public void Dockerfiles_are_collected_not_parsed()
    {
        using var tree = new TempTree();
        tree.Write("Dockerfile", "FROM scratch\n");
        tree.Write("services/api.Dockerfile", "FROM scratch\n");
        tree.Write("services/Dockerfile.prod", "FROM scratch\n");
        tree.Write("node_modules/pkg/Dockerfile", "FROM scratch\n");
        tree.Write("Dockerfile.json", "{}");

        var inputs = InputCollector.Collect([".", "Dockerfile"], currentDirectory: tree.Root);

        Assert.Equal(["Dockerfile", "Dockerfile.json", "services/Dockerfile.prod", "services/api.Dockerfile"], inputs.Dockerfiles);
        Assert.Empty(inputs.Deployments);
        Assert.Empty(inputs.Errors);
    }
}
