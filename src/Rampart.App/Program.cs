using Rampart.App;

// jsii's Node.js runtime prints an end-of-life banner for Node 20; silence it before the runtime starts.
Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");

return new SynthesizeCommand(Console.Out, Console.Error).Run(args);
