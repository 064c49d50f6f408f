using System.Text;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Tests.Engine;

/// <summary>
/// The engine shares one deployment's work between threads (runs of resources, template rules). Whatever the
/// threads did, the result must be what one thread gives: the same findings, in the same order, with the same
/// paths, guards and proof, and the same control outcomes.
/// </summary>
public sealed class ParallelEvaluationTests
{
    private static readonly PolicyEngine Engine = new(RuleCatalogue.All);

    [Fact]
    public void One_large_template_gives_the_same_result_on_several_threads_as_on_one()
    {
        var template = Parse("large.yaml", LargeTemplate(units: 100));
        Assert.True(template.Resources.Count > 500, "large enough to be cut into several runs of resources");

        var result = AssertSameResult([new Deployment("scan", [template])]);

        // Its inline suppressions are read while the rules run: suppressed findings and suppression problems both show.
        Assert.Contains(result.Findings, f => f.IsSuppressed);
        Assert.Contains(result.SuppressionProblems, p => p.Kind == SuppressionProblemKind.MissingReason);
        Assert.Contains(result.SuppressionProblems, p => p.Kind == SuppressionProblemKind.UnknownControl);
        Assert.Contains(result.SuppressionProblems, p => p.Kind == SuppressionProblemKind.Expired);
    }

    [Fact]
    public void Every_rule_fixture_scanned_together_gives_the_same_result_on_several_threads_as_on_one()
    {
        var templates = FixtureTemplates();
        Assert.True(templates.Sum(t => t.Resources.Count) > 300, "enough resources for the engine to use threads");

        AssertSameResult([new Deployment("fixtures", templates)]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Templates_evaluated_in_batches_give_the_same_result_as_all_at_once(bool parallel)
    {
        // Every fixture its own batch (their resolved values let go in between; deployment rules read the templates
        // afresh) against one batch of all of them: a rule that kept something across templates would differ.
        var deployments = new[] { new Deployment("fixtures", FixtureTemplates()) };
        var today = new DateOnly(2026, 3, 1);
        var whole = Engine.Evaluate(deployments, new EvaluationOptions { Parallel = parallel, Today = today, ResourcesPerBatch = int.MaxValue });
        var batched = Engine.Evaluate(deployments, new EvaluationOptions { Parallel = parallel, Today = today, ResourcesPerBatch = 1 });

        Assert.Contains(whole.Controls, c => c.Rule.Id.StartsWith("MON-", StringComparison.Ordinal) && c.Outcome == ControlOutcome.Fail);
        Assert.Equal(Describe(whole), Describe(batched));
    }

    [Fact]
    public void A_rule_that_fails_on_another_thread_fails_the_evaluation_with_its_own_exception()
    {
        var template = Parse("large.yaml", LargeTemplate(units: 100));
        var engine = new PolicyEngine([.. RuleCatalogue.All, new FailingRule()]);

        var failure = Assert.Throws<InvalidOperationException>(() =>
            engine.Evaluate([new Deployment("scan", [template])], new EvaluationOptions { Parallel = true }));
        Assert.Equal(FailingRule.Message, failure.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Findings_come_by_file_line_column_control_and_path_and_ties_keep_the_order_they_were_found_in(bool parallel)
    {
        var second = Parse("b.yaml", "Resources:\n  Only:\n    Type: AWS::SQS::Queue\n");
        var first = Parse("a.yaml", "Resources:\n  Only:\n    Type: AWS::SQS::Queue\n");
        var engine = new PolicyEngine([new ScrambledRule("TST-02"), new ScrambledRule("TST-01")]);

        var result = engine.Evaluate([new Deployment("scan", [second, first])], new EvaluationOptions { Parallel = parallel });

        Assert.Equal(
            [
                "a.yaml:1:1 TST-01 Same third", "a.yaml:1:1 TST-01 Same first", "a.yaml:1:1 TST-01 Same second",
                "a.yaml:1:1 TST-02 Same third", "a.yaml:1:1 TST-02 Same first", "a.yaml:1:1 TST-02 Same second",
                "a.yaml:2:1 TST-01 A late", "a.yaml:2:1 TST-01 B early", "a.yaml:2:1 TST-02 A late", "a.yaml:2:1 TST-02 B early",
                "a.yaml:2:5 TST-01 A column", "a.yaml:2:5 TST-02 A column",
                "b.yaml:1:1 TST-01 Same third", "b.yaml:1:1 TST-01 Same first", "b.yaml:1:1 TST-01 Same second",
                "b.yaml:1:1 TST-02 Same third", "b.yaml:1:1 TST-02 Same first", "b.yaml:1:1 TST-02 Same second",
                "b.yaml:2:1 TST-01 A late", "b.yaml:2:1 TST-01 B early", "b.yaml:2:1 TST-02 A late", "b.yaml:2:1 TST-02 B early",
                "b.yaml:2:5 TST-01 A column", "b.yaml:2:5 TST-02 A column",
            ],
            result.Findings.Select(f => $"{f.File}:{f.Location.Line}:{f.Location.Column} {f.Rule.Id} {f.Path} {f.Message}"));
    }

    private static EvaluationResult AssertSameResult(IReadOnlyList<Deployment> deployments)
    {
        var today = new DateOnly(2026, 3, 1);
        var single = Engine.Evaluate(deployments, new EvaluationOptions { Parallel = false, Today = today });
        Assert.NotEmpty(single.Findings);

        // Several runs: a race that shows only now and then should not pass by luck.
        for (var run = 0; run < 5; run++)
        {
            var parallel = Engine.Evaluate(deployments, new EvaluationOptions { Parallel = true, Today = today });
            Assert.Equal(Describe(single), Describe(parallel));
        }

        return single;
    }

    private static string Describe(EvaluationResult result)
    {
        var text = new StringBuilder();
        foreach (var f in result.Findings)
        {
            text.Append($"{f.File}:{f.Location.Line}:{f.Location.Column} {f.Rule.Id} {f.LogicalId} {f.Path} proven={f.Proven} [{f.Condition}] key={f.Key} suppressed={f.Suppression?.Reason} {f.Message}\n");
        }

        foreach (var problem in result.SuppressionProblems)
        {
            text.Append($"{problem.Location.File}:{problem.Location.Line} {problem.Kind} {problem.Message}\n");
        }

        foreach (var control in result.Controls)
        {
            text.Append($"{control.Rule.Id} {control.Outcome} {control.Findings} {control.Suppressed}\n");
        }

        return text.ToString();
    }

    private static List<Template> FixtureTemplates()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Rules");
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => TemplateParser.ParseFile(f, Path.GetRelativePath(root, f)))
            .OfType<ParseResult.Loaded>()
            .Select(l => l.Template)
            .ToList();
    }

    private static Template Parse(string path, string text) =>
        TemplateParser.Parse(path, text) is ParseResult.Loaded loaded ? loaded.Template : throw new InvalidOperationException($"{path} must parse");

    /// <summary>
    /// Units of a security group, its ingress rule, a role, a bucket and a database, half of them at fault, some under a
    /// condition; some groups carry inline suppressions (read while the rules run), valid or not.
    /// </summary>
    private static string LargeTemplate(int units)
    {
        var text = new StringBuilder("""
            Parameters:
              Env: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: { CidrBlock: 10.0.0.0/16 }

            """);
        for (var i = 0; i < units; i++)
        {
            var open = i % 2 == 0 ? "0.0.0.0/0" : "10.0.0.0/16";
            var action = i % 3 == 0 ? "'*'" : "s3:GetObject";
            text.Append($$"""
                  Group{{i}}:
                    Type: AWS::EC2::SecurityGroup
                    {{Suppressions(i)}}
                    Properties:
                      GroupDescription: unit {{i}}
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: {{open}} }
                        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !If [IsProd, 10.0.0.0/8, 0.0.0.0/0] }
                  Ingress{{i}}:
                    Type: AWS::EC2::SecurityGroupIngress
                    Properties: { GroupId: !Ref Group{{i}}, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !GetAtt Group{{i}}.GroupId }
                  Role{{i}}:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
                      Policies:
                        - PolicyName: p{{i}}
                          PolicyDocument:
                            Statement: [{ Effect: Allow, Action: {{action}}, Resource: !If [IsProd, !Sub 'arn:aws:s3:::b{{i}}/*', '*'] }]
                  Bucket{{i}}:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub 'b{{i}}-${AWS::AccountId}'
                  Database{{i}}:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      Engine: postgres
                      StorageEncrypted: {{(i % 2 == 0 ? "false" : "true")}}
                      MasterUsername: admin
                      MasterUserPassword: {{(i % 4 == 0 ? "hunter2hunter2" : "'{{resolve:secretsmanager:db:SecretString:password}}'")}}
                      VPCSecurityGroups: [!GetAtt Group{{i}}.GroupId]
                  Service{{i}}:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: awsvpc
                      TaskRoleArn: !GetAtt Role{{i}}.Arn
                      ContainerDefinitions:
                        - Name: app
                          Image: app:latest
                          Privileged: {{(i % 5 == 0 ? "true" : "false")}}
                          Environment: [{ Name: API_TOKEN, Value: t{{i}} }]

                """);
        }

        return text.ToString();
    }

    private static string Suppressions(int unit) => unit switch
    {
        13 => "Metadata: { rampart: { suppressions: [{ id: XYZ-99, reason: a control that does not exist }] } }",
        _ when unit % 17 == 0 => "Metadata: { rampart: { suppressions: [{ id: NET-07, reason: reviewed, expires: 2026-01-01 }] } }",
        _ when unit % 11 == 0 => "Metadata: { rampart: { suppressions: [{ id: NET-07 }] } }",
        _ when unit % 7 == 0 => "Metadata: { rampart: { suppressions: [{ id: NET-07, reason: reviewed bastion }, { id: SEC-01, reason: nothing to hide }] } }",
        _ => "Metadata: {}",
    };

    /// <summary>Reports, for each template, findings out of order: later lines and columns first, then three that tie on every key.</summary>
    private sealed class ScrambledRule(string id) : ITemplateRule
    {
        public RuleMetadata Metadata { get; } = new(id, "Scrambled", Severity.Low, SeedSection.Data, [], new Remediation("-", "-"));

        public IEnumerable<Violation>? Evaluate(TemplateContext template)
        {
            Violation At(int line, int column, string path, string message) => new()
            {
                Template = template.Template,
                Path = path,
                Location = new SourceLocation(template.Template.Path, line, column),
                Message = message,
            };

            return
            [
                At(2, 5, "A", "column"), At(2, 1, "B", "early"), At(2, 1, "A", "late"),
                At(1, 1, "Same", "third"), At(1, 1, "Same", "first"), At(1, 1, "Same", "second"),
            ];
        }
    }

    /// <summary>A broken rule: fails on every database, so that threads fail at the same time.</summary>
    private sealed class FailingRule : IResourceRule
    {
        public const string Message = "broken rule";

        public RuleMetadata Metadata { get; } = new("TST-01", "Fails", Severity.Low, SeedSection.Data, [], new Remediation("-", "-"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::RDS::DBInstance"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) => throw new InvalidOperationException(Message);
    }
}
