namespace Rampart.Policy.Loading.Text;

/// <summary>Counts nodes (YAML aliases at their expanded size) against <see cref="LoadLimits.MaxNodes"/>.</summary>
internal struct NodeBudget(long maxNodes)
{
    public long Used { get; private set; }

    /// <summary>Adds <paramref name="count"/> nodes; throws once the total passes the limit.</summary>
    public void Spend(long count, int line, int column)
    {
        Used += count;
        if (Used > maxNodes)
        {
            throw new LoadFailure(
                line,
                column,
                $"the document has more than {maxNodes:N0} nodes (YAML aliases count at their expanded size); limit LoadLimits.MaxNodes");
        }
    }
}
