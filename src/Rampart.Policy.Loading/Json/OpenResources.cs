using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Where the first of two readers of one document stopped: inside the template's Resources mapping, after a
/// complete entry and its comma. What it read is here, for the second reader's part to be appended to.
/// </summary>
/// <param name="Document">The document the first reader filled; the joined root mapping is added to it.</param>
/// <param name="RootEntries">The root mapping's entries before Resources.</param>
/// <param name="Root">Where the root mapping starts (line, column).</param>
/// <param name="ResourcesKey">Where the root's Resources key is.</param>
/// <param name="ResourcesStart">Where the Resources mapping starts.</param>
/// <param name="Resources">The Resources entries read.</param>
/// <param name="ResourceIds">The keys of <paramref name="Resources"/> as a set, when the reader built one (a large mapping).</param>
/// <param name="NodesRead">Nodes counted against <see cref="LoadLimits.MaxNodes"/>, the two open mappings included.</param>
internal sealed record OpenResources(
    TemplateDocument Document,
    EntryRecord[] RootEntries,
    (int Line, int Column) Root,
    (int Line, int Column) ResourcesKey,
    (int Line, int Column) ResourcesStart,
    EntryRecord[] Resources,
    HashSet<string>? ResourceIds,
    long NodesRead);
