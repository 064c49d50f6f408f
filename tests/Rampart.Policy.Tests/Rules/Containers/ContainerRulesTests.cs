using Rampart.Policy.Rules;
using Rampart.Policy.Rules.Containers;

namespace Rampart.Policy.Tests.Rules.Containers;

/// <summary>What the CTR fixtures do not show: messages, finding keys, suppressions narrowed by key, and the list helper.</summary>
public sealed class ContainerRulesTests
{
    [Fact]
    public void CTR_rules_are_listed_in_control_order()
    {
        Assert.Equal(
            ["CTR-01", "CTR-02", "CTR-03", "CTR-04", "CTR-05", "CTR-06", "CTR-07", "CTR-08", "CTR-09"],
            ContainersRules.All.Select(r => r.Metadata.Id));
        Assert.All(ContainersRules.All, r => Assert.Equal(SeedSection.Containers, r.Metadata.Section));
    }

    [Fact]
    public void CTR_01_findings_are_keyed_by_container_and_say_why_the_user_is_not_provably_non_root()
    {
        var findings = TemplateScan.Fixture("CTR-01", "Containers/Fixtures/CTR-01/fail.root-and-names.yaml");

        Assert.Equal(["app", "proxy", "cron", "legacy", "worker", "debug"], findings.OrderBy(f => f.Location.Line).Select(f => f.Key));
        Assert.Contains("runs as the image's user", TemplateScan.At(findings, "ShopTask", "Properties.ContainerDefinitions[0].User").Message, StringComparison.Ordinal);
        Assert.Contains("runs as root", TemplateScan.At(findings, "ShopTask", "Properties.ContainerDefinitions[1].User").Message, StringComparison.Ordinal);
        Assert.Contains("user name 'app'", TemplateScan.At(findings, "ShopTask", "Properties.ContainerDefinitions[2].User").Message, StringComparison.Ordinal);
        Assert.Contains("UID 1000", TemplateScan.At(findings, "ShopTask", "Properties.ContainerDefinitions[3].User").Message, StringComparison.Ordinal);
        Assert.Contains("parameter WorkerUser has no default", TemplateScan.At(findings, "ShopTask", "Properties.ContainerDefinitions[4].User").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1001\"", true)]
    [InlineData("\"1001:1001\"", true)]
    [InlineData("65532", true)]
    [InlineData("\"1000:1000\"", false)]
    [InlineData("\"0\"", false)]
    [InlineData("\"root:root\"", false)]
    [InlineData("nobody", false)]
    public void CTR_01_only_a_numeric_uid_above_1000_passes(string user, bool passes)
    {
        var findings = TemplateScan.Text("CTR-01", $"""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: shop/app:1
                      User: {user}
            """);

        Assert.Equal(passes, findings.Count == 0);
    }

    [Fact]
    public void CTR_02_an_unset_flag_is_reported_as_the_false_default_keyed_by_container()
    {
        var findings = TemplateScan.Fixture("CTR-02", "Containers/Fixtures/CTR-02/fail.writable-root.yaml");

        var unset = TemplateScan.At(findings, "ApiTask", "Properties.ContainerDefinitions[0].ReadonlyRootFilesystem");
        Assert.Equal("api", unset.Key);
        Assert.Contains("not set and defaults to false", unset.Message, StringComparison.Ordinal);
        Assert.Equal(["api", "worker", "admin", "batch"], findings.OrderBy(f => f.Location.Line).Select(f => f.Key));
    }

    [Fact]
    public void CTR_03_an_added_capability_is_keyed_container_slash_capability_so_a_suppression_accepts_only_that_one()
    {
        var findings = TemplateScan.Text("CTR-03", """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Metadata:
                  rampart:
                    suppressions:
                      - id: CTR-03
                        finding: proxy/NET_BIND_SERVICE
                        reason: the proxy binds port 443 inside the container, as the partner's appliance expects
                Properties:
                  ContainerDefinitions:
                    - Name: proxy
                      Image: shop/proxy:1
                      LinuxParameters:
                        Capabilities:
                          Drop: [ALL]
                          Add: [NET_BIND_SERVICE, SYS_PTRACE]
            """);

        Assert.Equal(2, findings.Count);
        Assert.True(Assert.Single(findings, f => f.Key == "proxy/NET_BIND_SERVICE").IsSuppressed);
        var unsuppressed = Assert.Single(findings, f => f.Key == "proxy/SYS_PTRACE");
        Assert.False(unsuppressed.IsSuppressed);
        Assert.Contains("adds Linux capability SYS_PTRACE", unsuppressed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_03_list_choices_follow_each_item_alternative_and_drop_no_value_items()
    {
        var findings = TemplateScan.Text("CTR-03", """
            Conditions:
              A: !Equals [!Ref "AWS::Region", eu-west-1]
              B: !Equals [!Ref "AWS::AccountId", "111111111111"]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: shop/app:1
                      LinuxParameters:
                        Capabilities:
                          Drop:
                            - !If [A, ALL, NET_RAW]
                            - !If [B, ALL, !Ref "AWS::NoValue"]
            """);

        // ALL is missing only when neither A nor B holds.
        var finding = Assert.Single(findings);
        Assert.Equal("when A is false and B is false", finding.Condition);
        Assert.Contains("drops only NET_RAW", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_03_list_choices_expand_every_consistent_combination_and_refuse_what_is_not_a_list()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rampart-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, """
            Conditions:
              A: !Equals [!Ref "AWS::Region", eu-west-1]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Cpu: "256"
                  Drop: [!If [A, ALL, NET_RAW], !If [A, SYS_ADMIN, !Ref "AWS::NoValue"], CHOWN]
            """);
        try
        {
            var task = new TemplateContext(Support.FixtureLoader.Load(file)).Find("Task")!;

            Assert.Null(ListChoices.Expand(task, task.GetOne("Cpu")));
            var choices = ListChoices.Expand(task, task.GetOne("Drop"))!;

            // The two Fn::If share condition A, so only two of the four combinations are consistent.
            Assert.Equal(2, choices.Count);
            Assert.Equal(["ALL", "SYS_ADMIN", "CHOWN"], Assert.Single(choices, c => c.Guard.Literals["A"]).Items.Select(i => i.AsString()));
            Assert.Equal(["NET_RAW", "CHOWN"], Assert.Single(choices, c => !c.Guard.Literals["A"]).Items.Select(i => i.AsString()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void CTR_04_and_CTR_06_report_each_container_by_name()
    {
        var init = TemplateScan.Fixture("CTR-04", "Containers/Fixtures/CTR-04/fail.no-init.json");
        var privileged = TemplateScan.Fixture("CTR-06", "Containers/Fixtures/CTR-06/fail.privileged.yaml");

        Assert.Equal(["worker", "agent", "shell", "tool"], init.OrderBy(f => f.Location.Line).Select(f => f.Key));
        Assert.Contains("signals are not forwarded", TemplateScan.At(init, "WorkerTask", "Properties.ContainerDefinitions[1].LinuxParameters.InitProcessEnabled").Message, StringComparison.Ordinal);
        Assert.Equal(["agent", "debugger", "tracer"], privileged.OrderBy(f => f.Location.Line).Select(f => f.Key));
        Assert.Contains("runs privileged", TemplateScan.At(privileged, "NodeTask", "Properties.ContainerDefinitions[0].Privileged").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_06_a_windows_task_is_still_judged_for_privileged_but_not_for_the_linux_settings()
    {
        const string Template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RuntimePlatform: { OperatingSystemFamily: WINDOWS_SERVER_2022_CORE }
                  ContainerDefinitions:
                    - Name: iis
                      Image: mcr.microsoft.com/windows/servercore/iis
                      Privileged: true
            """;

        Assert.Single(TemplateScan.Text("CTR-06", Template));
        Assert.Empty(TemplateScan.Text("CTR-01", Template));
        Assert.Empty(TemplateScan.Text("CTR-03", Template));
    }

    [Fact]
    public void CTR_05_findings_name_the_task_or_the_container_and_the_resource()
    {
        var findings = TemplateScan.Fixture("CTR-05", "Containers/Fixtures/CTR-05/fail.unbounded.yaml");

        Assert.Equal(["task/cpu", "task/memory", "api/memory", "cache/cpu", "cache/memory"], findings.OrderBy(f => f.Location.Line).ThenBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Key));
        Assert.Contains("sets neither Memory nor MemoryReservation", TemplateScan.At(findings, "ApiTask", "Properties.ContainerDefinitions[0].Memory").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_07_host_mode_is_called_out_as_sharing_the_instance_network()
    {
        var findings = TemplateScan.Fixture("CTR-07", "Containers/Fixtures/CTR-07/fail.network-modes.yaml");

        Assert.Contains("host network mode", TemplateScan.At(findings, "HostModeTask", "Properties.NetworkMode").Message, StringComparison.Ordinal);
        Assert.Contains("bridge mode on EC2", TemplateScan.At(findings, "DefaultModeTask", "Properties.NetworkMode").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_08_firelens_to_another_destination_names_it()
    {
        var findings = TemplateScan.Fixture("CTR-08", "Containers/Fixtures/CTR-08/fail.logs-elsewhere.yaml");

        Assert.Contains("to 'datadog'", TemplateScan.At(findings, "AppTask", "Properties.ContainerDefinitions[2].LogConfiguration.Options.Name").Message, StringComparison.Ordinal);
        Assert.Contains("splunk driver", TemplateScan.At(findings, "AppTask", "Properties.ContainerDefinitions[1].LogConfiguration.LogDriver", "when ShipToSplunk is true").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_09_one_finding_per_aspect_keyed_by_aspect()
    {
        var findings = TemplateScan.Fixture("CTR-09", "Containers/Fixtures/CTR-09/fail.repositories.yaml");

        Assert.Equal(
            ["immutable-tags", "kms", "lifecycle", "scan-on-push"],
            findings.Where(f => f.LogicalId == "DefaultsRepository").Select(f => f.Key!).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["scan-on-push", "kms", "immutable-tags", "lifecycle", "public-policy"],
            findings.Where(f => f.LogicalId == "LooseRepository").OrderBy(f => f.Location.Line).Select(f => f.Key));
        Assert.Contains("AWS-managed key aws/ecr", TemplateScan.At(findings, "LooseRepository", "Properties.EncryptionConfiguration.KmsKey").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_09_registry_scanning_covers_a_repository_only_when_its_filter_matches_the_name()
    {
        const string Template = """
            Resources:
              Repo:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: {0}
                  EncryptionConfiguration: {{ EncryptionType: KMS, KmsKey: arn:aws:kms:eu-west-1:111111111111:key/abc }}
                  ImageTagMutability: IMMUTABLE
                  LifecyclePolicy: {{ LifecyclePolicyText: "{{}}" }}
              Scanning:
                Type: AWS::ECR::RegistryScanningConfiguration
                Properties:
                  ScanType: ENHANCED
                  Rules:
                    - ScanFrequency: SCAN_ON_PUSH
                      RepositoryFilters: [{{ Filter: "shop/*", FilterType: WILDCARD }}]
            """;

        Assert.Empty(TemplateScan.Text("CTR-09", string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "shop/app")));
        Assert.Equal("scan-on-push", Assert.Single(TemplateScan.Text("CTR-09", string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, "tools/app"))).Key);
    }
}
