using BenchmarkDotNet.Running;
using Rampart.Bench;

// dotnet run -c Release --project bench/Rampart.Bench -- --filter '*'
// Any BenchmarkDotNet option works after "--" (e.g. --job Medium for longer, steadier runs).
BenchmarkSwitcher.FromAssembly(typeof(ScanBenchmarks).Assembly).Run(args, BenchConfig.Create());
