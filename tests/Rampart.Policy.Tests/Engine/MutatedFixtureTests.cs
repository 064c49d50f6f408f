using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Engine;

/// <summary>
/// The rule fixtures, mutated a few thousand times with a fixed seed (a property given another type or an intrinsic
/// function with odd arguments, a resource given another type or a condition, a subtree copied elsewhere or removed):
/// whatever a template holds, evaluating it must not throw. A rule that throws fails the whole scan (exit code 3),
/// so each such template is a bug; the failure message holds the template to reproduce it. The mutations are
/// structural, so nearly every mutant still loads; malformed text is the loaders' tests' concern.
/// </summary>
public sealed class MutatedFixtureTests
{
    // A longer campaign, with another seed: RAMPART_MUTANTS=1000000 RAMPART_MUTATION_SEED=7 dotnet test --filter Mutated
    private static readonly int Mutants = int.TryParse(Environment.GetEnvironmentVariable("RAMPART_MUTANTS"), out var count) && count > 0 ? count : 2000;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("RAMPART_MUTATION_SEED"), out var seed) ? seed : 20261128;

    private static readonly string[] Types =
    [
        "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::ECS::TaskDefinition",
        "AWS::ECS::Service", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
        "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::KMS::Key", "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancingV2::Listener", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::VPC",
        "AWS::EC2::VPCEndpoint", "AWS::CloudTrail::Trail", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup",
        "AWS::CloudFront::Distribution", "AWS::Lambda::Function", "AWS::EC2::Instance", "AWS::SNS::Topic", "AWS::Logs::MetricFilter",
        "AWS::EC2::NetworkAclEntry", "AWS::EC2::FlowLog", "AWS::ECR::Repository", "AWS::CloudFormation::Stack", "AWS::EC2::LaunchTemplate",
    ];

    private static readonly string[] Texts =
    [
        "", "*", "0.0.0.0/0", "::/0", "arn:aws:iam::aws:policy/AdministratorAccess", "-1", "tcp", "Allow", "Deny", "s3:*", "iam:PassRole",
        "true", "65536", "10.0.0.0/8", "AKIAIOSFODNN7EXAMPLE", "{{resolve:secretsmanager:x}}", "${AWS::Region}", "${Missing.Arn}", "${",
        "${!Literal}", "awsvpc", "root", "host",
    ];

    private static readonly string[] Numbers = ["0", "-1", "22", "443", "5432", "65535", "65536", "2147483648", "3.5", "1e308", "-0"];

    private static readonly string[] Functions =
    [
        "Ref", "Fn::GetAtt", "Fn::If", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::ImportValue", "Fn::Base64",
        "Fn::GetAZs", "Condition", "Fn::Equals", "Fn::And", "Fn::Not", "Fn::Cidr",
    ];

    [Fact]
    public void No_mutant_of_the_rule_fixtures_makes_the_engine_throw()
    {
        var seeds = FixtureTemplates();
        Assert.True(seeds.Count > 100, "the rule fixtures are the seeds");
        var random = new Random(Seed);
        var engine = new PolicyEngine(RuleCatalogue.All);
        var failures = new List<string>();
        var evaluated = 0;

        for (var i = 0; i < Mutants && failures.Count < 3; i++)
        {
            var (name, root) = seeds[random.Next(seeds.Count)];
            var mutant = (JsonObject)root.DeepClone();
            for (var m = random.Next(1, 5); m > 0; m--)
            {
                new Mutator(random, mutant).Mutate();
            }

            var text = mutant.ToJsonString();
            if (TemplateParser.Parse($"mutant-{i}.json", text) is not ParseResult.Loaded loaded)
            {
                continue;
            }

            try
            {
                var result = engine.Evaluate([new Deployment("scan", [loaded.Template])], new EvaluationOptions { Parallel = false });
                _ = result.Findings.Select(f => f.Path + f.Message).ToList();
                evaluated++;
            }
            catch (Exception exception)
            {
                failures.Add($"mutant {i} of {name} threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}\n{text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(evaluated > Mutants * 9 / 10, $"only {evaluated} of {Mutants} mutants loaded: the mutations should keep templates loadable");
    }

    /// <summary>The rule fixtures as JSON trees (YAML ones as the loader reads them: short-form tags become functions).</summary>
    private static List<(string Name, JsonObject Root)> FixtureTemplates()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Rules");
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetRelativePath(root, f), Result: TemplateParser.ParseFile(f)))
            .Where(p => p.Result is ParseResult.Loaded)
            .Select(p => (p.Name, (JsonObject)ToJson(((ParseResult.Loaded)p.Result).Template.Root.Node)!))
            .ToList();
    }

    private static JsonNode? ToJson(TemplateNode node)
    {
        if (node.TryGetScalar(out var scalar))
        {
            return scalar.Kind switch
            {
                ScalarKind.Null => null,
                ScalarKind.Boolean => JsonValue.Create(scalar.Text is "true" or "True"),
                ScalarKind.Number when double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) =>
                    JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(scalar.Text),
            };
        }

        if (node.TryGetSequence(out var sequence))
        {
            return new JsonArray([.. sequence.Items.Select(ToJson)]);
        }

        var mapping = new JsonObject();
        foreach (var entry in node.AsMapping()!.Value.Entries)
        {
            mapping[entry.Key] = ToJson(entry.Value);
        }

        return mapping;
    }

    /// <summary>One structural change to a template: the kinds of shape a rule may not expect.</summary>
    private sealed class Mutator(Random random, JsonObject root)
    {
        private JsonObject? DeclaredResources => root["Resources"] as JsonObject;

        public void Mutate()
        {
            var resource = DeclaredResources is { Count: > 0 } resources ? resources.ElementAt(random.Next(resources.Count)).Value as JsonObject : null;
            switch (random.Next(10))
            {
                case 0 when resource is not null:
                    resource["Type"] = Pick(Types);
                    break;
                case 1 when resource is not null:
                    resource["Condition"] = random.Next(2) == 0 ? Value(0) : Names("Conditions", "NoSuchCondition");
                    break;
                case 2 when resource?.DeepClone() is JsonObject copy:
                    copy["Type"] = Pick(Types);
                    DeclaredResources![$"Mutant{random.Next(1000)}"] = copy;
                    break;
                case 3 when Pick(Nodes()) is { } node:
                    Detach(node);
                    break;
                default:
                    if (Pick(Nodes()) is { } replaced)
                    {
                        Replace(replaced, Value(0));
                    }

                    break;
            }
        }

        /// <summary>A value of any kind: a scalar, a list, a mapping, an intrinsic function with plausible or odd arguments, a copy of a subtree.</summary>
        private JsonNode? Value(int depth)
        {
            JsonNode? Inner() => depth > 2 ? JsonValue.Create("x") : Value(depth + 1);
            return random.Next(16) switch
            {
                0 or 1 => JsonValue.Create(Pick(Texts)),
                2 => JsonNode.Parse(Pick(Numbers)),
                3 => JsonValue.Create(random.Next(2) == 0),
                4 => null,
                5 => new JsonArray(Inner(), Inner()),
                6 => new JsonObject { [Pick(["Key", "Value", "Name", "Effect", "Action", "Resource", "Principal", "CidrIp", "FromPort", "Password"])] = Inner() },
                7 or 8 => new JsonObject { ["Ref"] = Names("Parameters", "AWS::NoValue") },
                9 => new JsonObject { ["Fn::GetAtt"] = new JsonArray(Names("Resources", "Missing"), "Arn") },
                10 => new JsonObject { ["Fn::If"] = new JsonArray(Names("Conditions", "NoSuchCondition"), Inner(), Inner()) },
                11 => new JsonObject { ["Fn::Sub"] = $"x-${{{Names("Parameters", "AWS::Region")}}}" },
                12 => new JsonObject { ["Fn::Select"] = new JsonArray(Pick(["0", "1", "-1", "x"]), new JsonArray(Inner(), Inner())) },
                13 => new JsonObject { [Pick(Functions)] = Inner() },
                _ => Pick(Nodes())?.DeepClone() ?? JsonValue.Create("x"),
            };
        }

        /// <summary>A name declared in a section of the template (a parameter, a condition, a resource), or else <paramref name="fallback"/>.</summary>
        private string Names(string section, string fallback) =>
            root[section] is JsonObject { Count: > 0 } declared && random.Next(4) > 0 ? declared.ElementAt(random.Next(declared.Count)).Key : fallback;

        private List<JsonNode> Nodes()
        {
            var nodes = new List<JsonNode>();
            void Walk(JsonNode? node)
            {
                if (node?.Parent is not null)
                {
                    nodes.Add(node);
                }

                foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
                {
                    Walk(child);
                }
            }

            Walk(root);
            return nodes;
        }

        private static void Detach(JsonNode node)
        {
            if (node.Parent is JsonObject mapping)
            {
                mapping.Remove(node.GetPropertyName());
            }
            else if (node.Parent is JsonArray list)
            {
                list.RemoveAt(node.GetElementIndex());
            }
        }

        private static void Replace(JsonNode node, JsonNode? value)
        {
            if (node.Parent is JsonObject mapping)
            {
                mapping[node.GetPropertyName()] = value;
            }
            else if (node.Parent is JsonArray list)
            {
                var index = node.GetElementIndex();
                list.RemoveAt(index);
                list.Insert(index, value);
            }
        }

        private string Pick(string[] items) => items[random.Next(items.Length)];

        private JsonNode? Pick(List<JsonNode> nodes) => nodes.Count == 0 ? null : nodes[random.Next(nodes.Count)];
    }
}
