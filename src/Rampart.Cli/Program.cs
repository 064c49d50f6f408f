using Rampart.Cli;

try
{
    return RampartCli.Run(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, outputIsTerminal: !Console.IsOutputRedirected);
}
catch (Exception exception) when (Environment.GetEnvironmentVariable("RAMPART_DEBUG") != "1")
{
    // A crash is a bug: one line, and a distinct exit code from findings (1) and bad usage (2).
    Console.Error.WriteLine($"rampart: internal error: {exception.GetType().Name}: {exception.Message} (set RAMPART_DEBUG=1 for details)");
    return (int)ExitCode.InternalError;
}
