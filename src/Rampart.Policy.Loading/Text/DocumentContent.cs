using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Text;

/// <summary>
/// What a reader made of a file. <see cref="DeferredError"/> is a fault that only matters if the
/// file turns out to be a template (a duplicate key, an unknown YAML tag): other YAML and JSON
/// files in a repository are skipped, not reported, for using their own tags.
/// <see cref="SecondDocument"/> is where a second YAML document starts, if there is one.
/// </summary>
internal sealed record DocumentContent(TemplateNode? Root, LoadFailure? DeferredError, SourceLocation? SecondDocument = null);
