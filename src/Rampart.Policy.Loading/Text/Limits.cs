namespace Rampart.Policy.Loading.Text;

/// <summary>The checks both readers make against <see cref="LoadLimits"/>, with one wording.</summary>
internal static class Limits
{
    public static void CheckDepth(int depth, LoadLimits limits, int line, int column)
    {
        if (depth > limits.MaxDepth)
        {
            throw new LoadFailure(line, column, $"nesting is deeper than {limits.MaxDepth} levels; limit LoadLimits.MaxDepth");
        }
    }

    public static void CheckKeyLength(int length, LoadLimits limits, int line, int column)
    {
        if (length > limits.MaxKeyLength)
        {
            throw new LoadFailure(
                line,
                column,
                $"a key of {length:N0} characters is longer than {limits.MaxKeyLength:N0}; limit LoadLimits.MaxKeyLength");
        }
    }
}
