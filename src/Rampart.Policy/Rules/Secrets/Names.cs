namespace Rampart.Policy.Rules.Secrets;

/// <summary>Turns <see cref="HierarchicalNames"/> verdicts on a resource's <c>Name</c> into violations (SEC-04, SEC-05).</summary>
internal static class Names
{
    public static IEnumerable<Violation> Judge(ResourceContext resource, int environmentLevel, string pattern, string what)
    {
        foreach (var name in resource.Get("Name"))
        {
            if (name.IsAbsent)
            {
                yield return resource.Fail(name, $"has no Name: CloudFormation makes one up, which no path-based policy matches; name it {pattern}");
                continue;
            }

            var verdict = HierarchicalNames.Judge(name, environmentLevel);
            if (verdict.Valid == false)
            {
                yield return resource.Fail(name, $"{what} name {Identity.Arns.Describe(name)} does not follow {pattern}: {verdict.Problem}") with { Proven = true };
            }
            else if (verdict.Valid is null)
            {
                yield return resource.Unprovable(name, $"{what} name {Identity.Arns.Describe(name)} cannot be checked against {pattern}: {verdict.Problem}");
            }
        }
    }
}
