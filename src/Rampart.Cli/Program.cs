using Rampart.Cli;

try
{
    return RampartCli.Run(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, outputIsTerminal: !Console.IsOutputRedirected);
}
catch (Exception exception) when (Environment.GetEnvironmentVariable("RAMPART_DEBUG") != "1")
{
    // RampartCli.Run turns its own crashes into one line; this catches what fails around it (the console itself).
    Console.Error.WriteLine($"rampart: internal error: {exception.GetType().Name}: {exception.Message} (set RAMPART_DEBUG=1 for details)");
    return (int)ExitCode.InternalError;
}
