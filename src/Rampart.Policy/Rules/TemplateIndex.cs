using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Rampart.Policy.Rules;

/// <summary>
/// A fact about a whole template (the security group tiers, the subnet topology, the buckets' policies, the keys'
/// aliases) built once per template and shared by the rules that need it: without it every resource would rebuild
/// the whole picture. Each index is its own static field, so two indexes of the same type never meet. Held weakly:
/// it lives as long as the engine keeps the template's context.
/// </summary>
/// <typeparam name="T">
/// What the index holds. Annotated because <see cref="Lazy{T}"/> is (its parameterless constructor may create a T);
/// here every index is built by its own function, so the annotation only keeps the trimmer's guarantee.
/// </typeparam>
public sealed class TemplateIndex<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>
    where T : class
{
    private readonly ConditionalWeakTable<TemplateContext, Lazy<T>> _built = [];
    private readonly ConditionalWeakTable<TemplateContext, Lazy<T>>.CreateValueCallback _create;

    /// <param name="build">Builds the index of one template; called once per template.</param>
    public TemplateIndex(Func<TemplateContext, T> build) =>
        _create = template => new Lazy<T>(() => build(template), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The template's index, built on first use. Rules of one template run on several threads: the first to ask builds
    /// it, the others wait for it rather than build their own.
    /// </summary>
    public T Of(TemplateContext template) => _built.GetValue(template, _create).Value;
}
