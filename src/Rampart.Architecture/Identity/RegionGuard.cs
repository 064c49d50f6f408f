using Amazon.CDK;
using Constructs;

namespace Rampart.Architecture.Identity;

/// <summary>Checks a list of allowed regions before it goes into <c>aws:RequestedRegion</c> conditions.</summary>
internal static class RegionGuard
{
    /// <summary>
    /// The regions, checked: at least one, and the stack's own region among them when it is known
    /// (a role that may not act where it runs does nothing).
    /// </summary>
    public static IReadOnlyList<string> Checked(IConstruct scope, IReadOnlyList<string> regions, string what)
    {
        if (regions.Count == 0)
        {
            throw new ArgumentException($"{what} is empty: name at least the stack's region (aws:RequestedRegion).");
        }

        var region = Stack.Of(scope).Region;
        if (!Token.IsUnresolved(region) && !regions.Contains(region))
        {
            throw new ArgumentException(
                $"{what} ({string.Join(", ", regions)}) does not include the stack's region {region}: the role could not act where it runs.");
        }

        return regions.ToArray();
    }
}
