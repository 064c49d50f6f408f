using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Bench.Generator;

// rampart-bench-generator [--out DIR] [--sizes 10,100,1000,5000] [--yaml-sizes 1000] [--folder-sizes 1000] [--seed N] [--share 0.2]
// Writes template-<size>.json (and .yaml), folder-<count>/ (that many small stacks, one folder each, as in a
// monorepo), plus manifest.json describing what was planted.
var options = GeneratorOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"rampart-bench-generator: {error}");
    Console.Error.WriteLine("usage: rampart-bench-generator [--out DIR] [--sizes 10,100,1000,5000] [--yaml-sizes 1000] [--folder-sizes 1000] [--seed N] [--share 0..1]");
    return 2;
}

Directory.CreateDirectory(options.Output);
var manifest = new JsonArray();
var jsonOptions = new JsonSerializerOptions
{
    WriteIndented = true,
    IndentSize = 1, // the CDK writes templates with one-space indentation
    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
};
foreach (var size in options.Sizes.Union(options.YamlSizes).Order())
{
    var template = TemplateGenerator.Generate(size, options.Seed, options.Share);
    var files = new JsonArray();
    if (options.Sizes.Contains(size))
    {
        var path = Path.Combine(options.Output, $"template-{size}.json");
        File.WriteAllText(path, template.Document.ToJsonString(jsonOptions) + "\n");
        files.Add(Path.GetFileName(path));
    }

    if (options.YamlSizes.Contains(size))
    {
        var path = Path.Combine(options.Output, $"template-{size}.yaml");
        File.WriteAllText(path, YamlTemplateWriter.Write(template.Document));
        files.Add(Path.GetFileName(path));
    }

    var planted = new JsonObject();
    foreach (var (control, count) in template.PlantedByControl)
    {
        planted[control] = count;
    }

    manifest.Add(new JsonObject
    {
        ["resources"] = template.Resources,
        ["files"] = files,
        ["candidates"] = template.Candidates,
        ["violating"] = template.Violating,
        ["plantedByControl"] = planted,
    });
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{string.Join(", ", files.Select(f => f!.GetValue<string>()))}: {template.Resources} resources, {template.Violating} of {template.Candidates} checkable resources carry a planted violation ({100.0 * template.Violating / Math.Max(1, template.Candidates):0.0}%)"));
}

var folders = new JsonArray();
foreach (var count in options.FolderSizes.Distinct().Order())
{
    // Each stack its own seed: small stacks that differ, not one template copied.
    var folder = Path.Combine(options.Output, $"folder-{count}");
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }

    var (resources, violating) = (0, 0);
    for (var i = 1; i <= count; i++)
    {
        var stack = TemplateGenerator.Generate(GeneratorOptions.FolderTemplateResources, options.Seed + i, options.Share);
        var service = Directory.CreateDirectory(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"service-{i:D4}")));
        File.WriteAllText(Path.Combine(service.FullName, "stack.template.json"), stack.Document.ToJsonString(jsonOptions) + "\n");
        resources += stack.Resources;
        violating += stack.Violating;
    }

    folders.Add(new JsonObject { ["folder"] = Path.GetFileName(folder), ["templates"] = count, ["resources"] = resources, ["violating"] = violating });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"folder-{count}/: {count} templates, {resources} resources, {violating} carry a planted violation"));
}

File.WriteAllText(
    Path.Combine(options.Output, "manifest.json"),
    new JsonObject { ["seed"] = options.Seed, ["share"] = options.Share, ["templates"] = manifest, ["folders"] = folders }.ToJsonString(jsonOptions) + "\n");
return 0;
