namespace Rampart.Policy.Reporting;

/// <summary>
/// A growable, reused character buffer for text that is written once and never kept (a finding's SARIF message,
/// its fingerprint), so building it per finding allocates no string.
/// </summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];
    private int _length;

    /// <summary>The text appended since the last <see cref="Clear"/>; valid until the next change.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    public CharBuffer Clear()
    {
        _length = 0;
        return this;
    }

    public CharBuffer Append(ReadOnlySpan<char> text)
    {
        MakeRoom(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    public CharBuffer Append(char character)
    {
        MakeRoom(1);
        _chars[_length++] = character;
        return this;
    }

    private void MakeRoom(int more)
    {
        if (_length + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + more));
        }
    }
}
