namespace Rampart.Policy.Loading.Text;

/// <summary>
/// Unwinds a reader to <see cref="TemplateParser"/>, which turns it into a <see cref="LoadError"/>.
/// Never leaves the library.
/// </summary>
internal sealed class LoadFailure(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
