using Rampart.Policy.Loading.Inputs;

namespace Rampart.Policy.Loading.Tests.Inputs;

/// <summary>
/// Fixtures/Assemblies/project: a loose template, a Dockerfile, and app.out, a hand-made cloud
/// assembly with a stack, its nested stack, a nested assembly (a Stage) and asset folders.
/// </summary>
public class CloudAssemblyTests
{
    private static readonly string Assemblies = Fixture.PathOf("Assemblies");

    private static readonly string[] AppOutTemplates =
    [
        "project/app.out/AppStack.template.json",
        "project/app.out/assembly-Prod/ProdAppStack.template.json",
        "project/app.out/AppStackNetworkNestedStack1A2B3C4D.nested.template.json",
    ];

    [Fact]
    public void An_assembly_is_one_deployment_with_its_nested_assemblies_and_nested_stacks()
    {
        var inputs = InputCollector.Collect(["project/app.out"], currentDirectory: Assemblies);

        var deployment = Assert.Single(inputs.Deployments);
        Assert.Equal("project/app.out", deployment.Name);
        Assert.Equal(AppOutTemplates, deployment.Templates.Select(template => template.Path));
        Assert.Empty(inputs.Errors);

        // tree.json, the asset manifest and the template inside an asset folder are not read.
        Assert.Empty(inputs.Skipped);
    }

    [Fact]
    public void A_named_assembly_yields_the_dockerfiles_of_its_assets()
    {
        var inputs = InputCollector.Collect(["project/app.out"], currentDirectory: Assemblies);

        Assert.Equal(["project/app.out/asset.1234abcd/Dockerfile"], inputs.Dockerfiles);
    }

    [Fact]
    public void An_assembly_met_in_a_folder_walk_is_its_own_deployment_beside_the_loose_files()
    {
        var inputs = InputCollector.Collect(["project"], currentDirectory: Assemblies);

        Assert.Equal(["project/app.out", "scan"], inputs.Deployments.Select(deployment => deployment.Name));
        Assert.Equal(AppOutTemplates, inputs.Deployments[0].Templates.Select(template => template.Path));
        Assert.Equal("project/infra.yaml", Assert.Single(inputs.Deployments[1].Templates).Path);

        // The asset copy duplicates the project's own Dockerfile.
        Assert.Equal(["project/Dockerfile"], inputs.Dockerfiles);
        Assert.Empty(inputs.Errors);
        Assert.Empty(inputs.Skipped);
    }

    [Fact]
    public void A_template_of_an_assembly_named_again_is_not_scanned_twice()
    {
        var inputs = InputCollector.Collect(
            ["project/app.out/AppStack.template.json", "project/app.out", "project"],
            currentDirectory: Assemblies);

        Assert.Equal(["project/app.out", "scan"], inputs.Deployments.Select(deployment => deployment.Name));
        Assert.Equal(AppOutTemplates, inputs.Deployments[0].Templates.Select(template => template.Path));
        Assert.Equal(["project/infra.yaml"], inputs.Deployments[1].Templates.Select(template => template.Path));
    }

    [Fact]
    public void Naming_the_manifest_names_the_assembly()
    {
        var inputs = InputCollector.Collect(["project/app.out/manifest.json"], currentDirectory: Assemblies);

        Assert.Equal(AppOutTemplates, Assert.Single(inputs.Deployments).Templates.Select(template => template.Path));
    }

    [Fact]
    public void An_assembly_scanned_from_inside_is_named_after_its_folder()
    {
        var inputs = InputCollector.Collect(["."], currentDirectory: Path.Combine(Assemblies, "project", "app.out"));

        var deployment = Assert.Single(inputs.Deployments);
        Assert.Equal("app.out", deployment.Name);
        Assert.Equal("AppStack.template.json", deployment.Templates[0].Path);
    }

    [Fact]
    public void Missing_templates_of_an_assembly_are_errors_and_the_rest_still_loads()
    {
        using var tree = new TempTree();
        tree.Write("out/manifest.json", """
            {"version": "36.0.0", "artifacts": {
              "Gone": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Gone.template.json"}},
              "NoFile": {"type": "aws:cloudformation:stack", "properties": {}},
              "Away": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../outside.template.json"}},
              "Here": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Here.template.json"}}
            }}
            """);
        tree.Write("outside.template.json");
        tree.Write("out/Here.template.json", """
            {
              "Resources": {
                "Child": {
                  "Type": "AWS::CloudFormation::Stack",
                  "Metadata": {"aws:asset:path": "Child.nested.template.json"}
                },
                "Escape": {
                  "Type": "AWS::CloudFormation::Stack",
                  "Metadata": {"aws:asset:path": "../outside.template.json"}
                }
              }
            }
            """);

        var inputs = InputCollector.Collect(["out"], currentDirectory: tree.Root);

        Assert.Equal("out/Here.template.json", Assert.Single(Assert.Single(inputs.Deployments).Templates).Path);
        Assert.Equal(
            [
                "out/manifest.json: artifact \"NoFile\" (aws:cloudformation:stack) has no properties.templateFile",
                "out/manifest.json: artifact \"Away\" (aws:cloudformation:stack): templateFile \"../outside.template.json\" is outside the cloud assembly",
                "out/Gone.template.json: no such file",
                "out/Here.template.json:5:38: nested stack Child: template out/Child.nested.template.json not found in the cloud assembly",
                "out/Here.template.json:9:38: nested stack Escape: template ../outside.template.json not found in the cloud assembly",
            ],
            inputs.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void A_manifest_json_of_another_kind_is_an_ordinary_folder()
    {
        using var tree = new TempTree();
        tree.Write("web/manifest.json", """{"name": "My PWA", "icons": []}""");
        tree.Write("web/stack.yaml");

        var inputs = InputCollector.Collect(["web"], currentDirectory: tree.Root);

        Assert.Equal("scan", Assert.Single(inputs.Deployments).Name);
        Assert.Equal("web/stack.yaml", Assert.Single(inputs.Deployments[0].Templates).Path);
    }
}
