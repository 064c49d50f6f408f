using Rampart.Policy.Loading.Json;
using Rampart.Policy.Loading.Text;
using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Inputs;

/// <summary>
/// Finds and loads everything <c>rampart scan PATH...</c> names: template files, folders (walked
/// recursively) and CDK cloud assemblies (with their nested assemblies and nested stack templates).
/// Each cloud assembly is one <see cref="Deployment"/> named after its folder; the loose files of the
/// scan are one more, named "scan". No input stops the others; nothing throws for bad input.
/// </summary>
public static class InputCollector
{
    /// <summary>The name of the deployment that holds the loose template files of one scan.</summary>
    public const string LooseFilesDeployment = "scan";

    private const string NestedStackType = "AWS::CloudFormation::Stack";
    private const string AssetPathKey = "aws:asset:path";

    /// <summary>A size threshold no file reaches: every JSON file is read on one thread.</summary>
    private const long OneThreadPerFile = long.MaxValue;

    /// <summary>Collects and loads the inputs named by <paramref name="paths"/>.</summary>
    /// <param name="paths">Files, folders and cloud assemblies, relative to <paramref name="currentDirectory"/> or absolute.</param>
    /// <param name="limits">Bounds for hostile input; <see cref="LoadLimits.Default"/> when null.</param>
    /// <param name="currentDirectory">
    /// Where relative paths start, and what display paths are relative to; the process's current directory when null.
    /// </param>
    /// <param name="maxParallelism">How many files to parse at once; -1 lets the thread pool decide.</param>
    public static ScanInputs Collect(
        IReadOnlyList<string> paths,
        LoadLimits? limits = null,
        string? currentDirectory = null,
        int maxParallelism = -1)
    {
        var collection = new Collection(
            limits ?? LoadLimits.Default,
            Path.GetFullPath(currentDirectory ?? Environment.CurrentDirectory),
            maxParallelism);
        foreach (var path in paths)
        {
            collection.AddArgument(path);
        }

        return collection.Load();
    }

    /// <summary>The state of one call: found inputs, then their loading.</summary>
    private sealed class Collection(LoadLimits limits, string currentDirectory, int maxParallelism)
    {
        private readonly List<LoadError> _errors = [];
        private readonly List<SkippedInput> _skipped = [];
        private readonly List<string> _dockerfiles = [];
        private readonly HashSet<string> _dockerfileSet = new(StringComparer.Ordinal);
        private readonly List<AssemblyInput> _assemblies = [];
        private readonly HashSet<string> _assemblyDirectories = new(StringComparer.Ordinal);
        private readonly List<string> _looseFiles = [];
        private readonly HashSet<string> _looseFileSet = new(StringComparer.Ordinal);
        private readonly HashSet<string> _claimedByAssemblies = new(StringComparer.Ordinal);
        private readonly HashSet<string> _walkedDirectories = new(StringComparer.Ordinal);

        public void AddArgument(string argument)
        {
            string full;
            try
            {
                full = Path.GetFullPath(argument, currentDirectory);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                _errors.Add(new LoadError(argument, 0, 0, Messages.OneLine($"not a valid path: {ex.Message}")));
                return;
            }

            if (File.Exists(full))
            {
                AddNamedFile(full);
            }
            else if (Directory.Exists(full))
            {
                AddDirectory(full);
            }
            else
            {
                _errors.Add(new LoadError(Display(full), 0, 0, "no such file or directory"));
            }
        }

        /// <summary>A file the user named: read whatever its extension, since they asked for it.</summary>
        private void AddNamedFile(string full)
        {
            var name = Path.GetFileName(full);
            if (InputNames.IsDockerfile(name))
            {
                AddDockerfile(full);
                return;
            }

            var directory = Path.GetDirectoryName(full);
            if (name == CloudAssemblyManifest.FileName && directory is not null
                && CloudAssemblyManifest.TryRead(directory, limits) is { } artifacts)
            {
                AddAssembly(directory, artifacts, named: true);
                return;
            }

            AddLooseFile(full);
        }

        private void AddDirectory(string full)
        {
            if (CloudAssemblyManifest.TryRead(full, limits) is { } artifacts)
            {
                AddAssembly(full, artifacts, named: true);
                return;
            }

            Walk(full, dockerfilesOnly: false);
        }

        /// <summary>
        /// Walks a folder tree, skipping <see cref="InputNames.SkippedFolders"/> and folders already
        /// walked (a symbolic link back to an ancestor ends there). Cloud assemblies met on the way
        /// become assemblies; their own files are not read as loose ones.
        /// </summary>
        private void Walk(string root, bool dockerfilesOnly)
        {
            if (!_walkedDirectories.Add(RealPath(new DirectoryInfo(root))))
            {
                return;
            }

            // Depth first, entries in name order, a folder's contents where the folder sorts: the order `find | sort` gives.
            var pending = new Stack<Queue<FileSystemInfo>>();
            pending.Push(ReadEntries(root));
            while (pending.Count > 0)
            {
                var entries = pending.Peek();
                if (!entries.TryDequeue(out var entry))
                {
                    pending.Pop();
                    continue;
                }

                if (entry is DirectoryInfo subdirectory)
                {
                    if (InputNames.SkippedFolders.Contains(subdirectory.Name))
                    {
                        continue;
                    }

                    if (!_walkedDirectories.Add(RealPath(subdirectory)))
                    {
                        if (subdirectory.LinkTarget is not null)
                        {
                            _skipped.Add(new SkippedInput(Display(subdirectory.FullName), "symbolic link to a folder already scanned"));
                        }

                        continue;
                    }

                    if (!dockerfilesOnly && CloudAssemblyManifest.TryRead(subdirectory.FullName, limits) is { } artifacts)
                    {
                        // Reached through a parent folder: its asset copies of Dockerfiles duplicate the project's own.
                        AddAssembly(subdirectory.FullName, artifacts, named: false);
                        continue;
                    }

                    pending.Push(ReadEntries(subdirectory.FullName));
                }
                else if (InputNames.IsDockerfile(entry.Name))
                {
                    AddDockerfile(entry.FullName);
                }
                else if (!dockerfilesOnly && InputNames.MayHoldTemplate(entry.Name))
                {
                    AddLooseFile(entry.FullName);
                }
            }
        }

        private Queue<FileSystemInfo> ReadEntries(string directory)
        {
            try
            {
                return new Queue<FileSystemInfo>(
                    new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(entry => entry.Name, StringComparer.Ordinal));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                _errors.Add(new LoadError(Display(directory), 0, 0, Messages.OneLine($"cannot read the directory: {ex.Message}")));
                return [];
            }
        }

        private void AddAssembly(string directory, AssemblyArtifacts artifacts, bool named)
        {
            if (!_assemblyDirectories.Add(directory))
            {
                return;
            }

            var assembly = new AssemblyInput(DeploymentName(directory), directory);
            _assemblies.Add(assembly);
            AddArtifacts(assembly, directory, artifacts);
            if (named)
            {
                // The user pointed at the assembly itself: its asset folders hold the Dockerfiles that get built.
                Walk(directory, dockerfilesOnly: true);
            }
        }

        private void AddArtifacts(AssemblyInput assembly, string directory, AssemblyArtifacts artifacts)
        {
            foreach (var problem in artifacts.Problems)
            {
                _errors.Add(new LoadError(Display(artifacts.ManifestPath), 0, 0, problem));
            }

            foreach (var template in artifacts.TemplateFiles)
            {
                if (_claimedByAssemblies.Add(template))
                {
                    assembly.Pending.Add(new AssemblyTemplate(template, directory));
                }
            }

            foreach (var nested in artifacts.NestedAssemblies)
            {
                if (!_assemblyDirectories.Add(nested))
                {
                    continue;
                }

                if (CloudAssemblyManifest.TryRead(nested, limits, assembly.Directory) is { } nestedArtifacts)
                {
                    AddArtifacts(assembly, nested, nestedArtifacts);
                }
                else
                {
                    _errors.Add(new LoadError(
                        Display(artifacts.ManifestPath),
                        0,
                        0,
                        $"nested cloud assembly {Display(nested)} has no readable {CloudAssemblyManifest.FileName}"));
                }
            }
        }

        private void AddLooseFile(string full)
        {
            if (_looseFileSet.Add(full))
            {
                _looseFiles.Add(full);
            }
        }

        private void AddDockerfile(string full)
        {
            var display = Display(full);
            if (_dockerfileSet.Add(display))
            {
                _dockerfiles.Add(display);
            }
        }

        public ScanInputs Load()
        {
            var deployments = new List<Deployment>();
            foreach (var assembly in _assemblies)
            {
                var templates = LoadAssembly(assembly);
                if (templates.Count > 0)
                {
                    deployments.Add(new Deployment(assembly.Name, templates));
                }
            }

            // A template an assembly already loaded is not loaded again as a loose file.
            var loose = _looseFiles.Where(file => !_claimedByAssemblies.Contains(file)).ToList();
            var looseTemplates = new List<Template>();
            foreach (var (_, result) in ParseAll(loose))
            {
                if (Record(result) is { } template)
                {
                    looseTemplates.Add(template);
                }
            }

            if (looseTemplates.Count > 0)
            {
                deployments.Add(new Deployment(LooseFilesDeployment, looseTemplates));
            }

            return new ScanInputs(deployments, _errors, _skipped, _dockerfiles);
        }

        /// <summary>Loads an assembly's stack templates, then the nested stack templates they point at, wave by wave.</summary>
        private List<Template> LoadAssembly(AssemblyInput assembly)
        {
            var templates = new List<Template>();
            var wave = assembly.Pending;
            while (wave.Count > 0)
            {
                var next = new List<AssemblyTemplate>();
                var results = ParseAll(wave.Select(item => item.Path).ToList());
                for (var i = 0; i < results.Count; i++)
                {
                    if (Record(results[i].Result) is not { } template)
                    {
                        continue;
                    }

                    templates.Add(template);
                    next.AddRange(NestedStackTemplates(template, wave[i].AssemblyDirectory, assembly.Directory));
                }

                wave = next;
            }

            return templates;
        }

        /// <summary>CDK nested stacks: an <c>AWS::CloudFormation::Stack</c> whose metadata names its template file in the assembly.</summary>
        private IEnumerable<AssemblyTemplate> NestedStackTemplates(Template parent, string assemblyDirectory, string assemblyRoot)
        {
            foreach (var stack in parent.ResourcesOfType(NestedStackType))
            {
                if (stack.Metadata?.Entry(AssetPathKey) is not { } entry || entry.Value.AsScalar() is not { Text.Length: > 0 } assetPath)
                {
                    continue;
                }

                var location = entry.Value.Location;
                var full = CloudAssemblyManifest.ResolveInside(assetPath.Text, assemblyDirectory, assemblyRoot);
                if (full is null || !File.Exists(full))
                {
                    var named = full is null ? assetPath.Text : Display(full);
                    _errors.Add(new LoadError(
                        parent.Path,
                        location.Line,
                        location.Column,
                        $"nested stack {stack.LogicalId}: template {named} not found in the cloud assembly"));
                    continue;
                }

                if (_claimedByAssemblies.Add(full))
                {
                    yield return new AssemblyTemplate(full, assemblyDirectory);
                }
            }
        }

        private List<(string Path, ParseResult Result)> ParseAll(IReadOnlyList<string> files)
        {
            var results = new ParseResult[files.Count];
            if (files.Count == 1 || maxParallelism == 1)
            {
                // One file (the usual `rampart scan template.json`) gains nothing from the thread pool but its start-up;
                // a large one is read on two threads of its own (TwoThreadJson), unless one thread was asked for.
                var twoThreadMinBytes = maxParallelism == 1 ? OneThreadPerFile : TwoThreadJson.MinBytes;
                for (var i = 0; i < files.Count; i++)
                {
                    results[i] = TemplateParser.ParseFile(files[i], Display(files[i]), limits, twoThreadMinBytes);
                }
            }
            else
            {
                // The files keep the cores busy already: each is read on one thread.
                var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism };
                Parallel.For(0, files.Count, options, i => results[i] = TemplateParser.ParseFile(files[i], Display(files[i]), limits, OneThreadPerFile));
            }

            return [.. files.Select((file, i) => (file, results[i]))];
        }

        private Template? Record(ParseResult result)
        {
            switch (result)
            {
                case ParseResult.Loaded loaded:
                    return loaded.Template;
                case ParseResult.NotATemplate skipped:
                    _skipped.Add(new SkippedInput(skipped.Path, skipped.Reason));
                    return null;
                case ParseResult.Failed failed:
                    _errors.Add(failed.Error);
                    return null;
                default:
                    return null;
            }
        }

        /// <summary>Relative to the current directory when under it, else absolute; always with '/'.</summary>
        private string Display(string full)
        {
            full = Path.TrimEndingDirectorySeparator(full);
            var relative = Path.GetRelativePath(currentDirectory, full);
            var outside = relative == ".." || relative.StartsWith("../", StringComparison.Ordinal)
                || relative.StartsWith("..\\", StringComparison.Ordinal) || Path.IsPathRooted(relative);
            return (outside ? full : relative).Replace('\\', '/');
        }

        private string DeploymentName(string directory)
        {
            var display = Display(directory);
            return display == "." ? Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)) : display;
        }

        /// <summary>The folder a symbolic link leads to, so a link back to an ancestor is recognised as walked.</summary>
        private static string RealPath(DirectoryInfo directory)
        {
            try
            {
                return directory.LinkTarget is null
                    ? directory.FullName
                    : directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;
            }
            catch (IOException)
            {
                // A dangling or cyclic link: its own path is as good a key as any.
                return directory.FullName;
            }
        }
    }

    private sealed record AssemblyTemplate(string Path, string AssemblyDirectory);

    private sealed class AssemblyInput(string name, string directory)
    {
        public string Name { get; } = name;

        /// <summary>The outermost assembly folder: nothing it names may lie outside.</summary>
        public string Directory { get; } = directory;

        public List<AssemblyTemplate> Pending { get; } = [];
    }
}
