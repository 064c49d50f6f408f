using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// Expands a list whose items have alternatives (an <c>Fn::If</c> per item) into every consistent choice, each with
/// the guard under which it holds. "The list contains X" is then judged per choice, so a list that holds
/// <c>ALL</c> only when <c>IsProd</c> is true is reported "when IsProd is false" rather than passed or failed outright.
/// </summary>
public static class ListChoices
{
    /// <summary>
    /// Every consistent way the items of <paramref name="list"/> resolve (one alternative per item, compatible guards);
    /// items that resolve to <c>AWS::NoValue</c> drop out, as CloudFormation drops them. Null when the list is not a
    /// known sequence or has more than <see cref="Resolver.MaxAlternatives"/> choices (the caller treats it as unknown).
    /// </summary>
    public static IReadOnlyList<ListChoice>? Expand(ResourceContext resource, Resolved list)
    {
        if (list.Kind != ValueKind.Sequence)
        {
            return null;
        }

        var choices = new List<ListChoice> { new(list.Guard, []) };
        for (var index = 0; index < list.Sequence!.Value.Items.Count; index++)
        {
            var alternatives = resource.Get(list, $"[{index}]").ToList();
            var next = new List<ListChoice>();
            foreach (var choice in choices)
            {
                foreach (var alternative in alternatives)
                {
                    if (choice.Guard.And(alternative.Guard) is not { } combined)
                    {
                        continue;
                    }

                    next.Add(new ListChoice(combined, alternative.IsAbsent ? choice.Items : [.. choice.Items, alternative]));
                }
            }

            if (next.Count > Resolver.MaxAlternatives)
            {
                return null;
            }

            choices = next;
        }

        return choices;
    }
}

/// <summary>One resolution of a list: its items, and the conditions under which it is the list.</summary>
public sealed record ListChoice(Guard Guard, IReadOnlyList<Resolved> Items);
