using Rampart.Architecture.Configuration;
using Rampart.Architecture.Stacks;

// jsii's Node.js runtime prints an end-of-life banner for Node 20; silence it before the runtime starts.
Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");

var app = ArchitectureApp.Create(DefaultConfiguration.Value);
var assembly = app.Synth();
Console.WriteLine($"Synthesized {assembly.Stacks.Length} stack(s) into {assembly.Directory}");
return 0;
