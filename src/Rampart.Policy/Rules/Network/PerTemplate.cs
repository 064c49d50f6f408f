using System.Runtime.CompilerServices;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// An index built once per template and shared by the rules that need it (the security group tiers, the
/// subnet topology): without it every security group would rebuild the whole picture. Held weakly, so it
/// lives as long as the engine keeps the template's context.
/// </summary>
public static class PerTemplate<T>
    where T : class
{
    private static readonly ConditionalWeakTable<TemplateContext, Lazy<T>> Cache = [];

    /// <summary>
    /// The template's index, built on first use. Rules of one template run on several threads: the first to ask builds
    /// it, the others wait for it rather than build their own.
    /// </summary>
    public static T Get(TemplateContext template, Func<TemplateContext, T> build) =>
        Cache.GetValue(template, t => new Lazy<T>(() => build(t), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
