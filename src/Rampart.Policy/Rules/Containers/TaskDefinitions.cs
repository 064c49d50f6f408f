using System.Globalization;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// Reading ECS task definitions, shared by the CTR rules: the containers of an <c>AWS::ECS::TaskDefinition</c>
/// (<c>ContainerDefinitions[*]</c>), each with the name that keys its findings.
/// </summary>
/// <remarks>
/// Finding keys: a rule that reports at most one finding per container uses the container's <c>Name</c>
/// (<c>app</c>); a rule that can report several per container appends the aspect (<c>app/cpu</c>,
/// <c>app/NET_ADMIN</c>); task-level findings use <c>task/...</c>. A container whose name cannot be resolved
/// is keyed by its position (<c>#0</c>).
/// </remarks>
public static class TaskDefinitions
{
    public const string TaskDefinitionType = "AWS::ECS::TaskDefinition";

    /// <summary>The containers of a task definition, in the order written (an unresolvable list gives one unknown item).</summary>
    public static IEnumerable<ContainerDefinition> Containers(ResourceContext task) =>
        task.Get("ContainerDefinitions[*]").Select(definition => new ContainerDefinition(definition, NameOf(task, definition)));

    /// <summary>
    /// True when the task runs Windows containers (<c>RuntimePlatform.OperatingSystemFamily: WINDOWS_*</c>): the seed's
    /// runtime controls (numeric UID, read-only root, Linux capabilities, init process, privileged) are Linux settings
    /// that ECS rejects or ignores on Windows, so those rules do not judge such tasks.
    /// </summary>
    public static bool IsWindows(ResourceContext task) =>
        task.Get("RuntimePlatform.OperatingSystemFamily")
            .Any(family => family.AsString()?.StartsWith("WINDOWS", StringComparison.OrdinalIgnoreCase) == true);

    private static string NameOf(ResourceContext task, Resolved definition)
    {
        var name = definition.Kind == ValueKind.Mapping
            ? task.Get(definition, "Name").Select(n => n.AsString()).FirstOrDefault(n => !string.IsNullOrEmpty(n))
            : null;
        if (name is not null)
        {
            return name;
        }

        // "Properties.ContainerDefinitions[2]" -> "#2"; an unknown list ("[*]") -> "#*".
        var open = definition.Path.LastIndexOf('[');
        return open < 0 ? "#?" : "#" + definition.Path[(open + 1)..].TrimEnd(']');
    }

    /// <summary>Formats a number for messages.</summary>
    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One entry of <c>ContainerDefinitions</c> and the name that keys its findings.</summary>
public sealed record ContainerDefinition(Resolved Definition, string Name);
