using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace Rampart.Architecture.Tests.Data;

/// <summary>
/// A bare stack for testing one construct with its own props, as another team's CDK app would use
/// it. Only for tests of the default collection (jsii is not thread-safe).
/// </summary>
public sealed class ConstructHarness
{
    static ConstructHarness()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
    }

    public ConstructHarness(string region = "eu-west-1")
    {
        App = new Amazon.CDK.App();
        Stack = new Stack(App, "Harness", new StackProps { Env = new Amazon.CDK.Environment { Account = "111111111111", Region = region } });
    }

    public Amazon.CDK.App App { get; }

    public Stack Stack { get; }

    /// <summary>Synthesizes the stack (aspects included) and returns its template.</summary>
    public TemplateView Synthesize()
    {
        var template = (JsonObject)JsonSerializer.SerializeToNode(Template.FromStack(Stack).ToJSON())!;
        template["Resources"] ??= new JsonObject();
        return new TemplateView(template);
    }
}
