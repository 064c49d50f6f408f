using System.Buffers;
using System.Text;

namespace Rampart.Policy.Reporting;

/// <summary>
/// A write-only stream that decodes the UTF-8 written to it into a <see cref="TextWriter"/>, so a writer of UTF-8
/// (a <see cref="System.Text.Json.Utf8JsonWriter"/>) can write to text without first building the whole text.
/// A character split between two writes is kept until its last byte arrives.
/// </summary>
internal sealed class Utf8DecodingStream(TextWriter output) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] _chars = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var needed = _decoder.GetCharCount(buffer, flush: false);
        if (_chars.Length < needed)
        {
            ReturnChars();
            _chars = ArrayPool<char>.Shared.Rent(needed);
        }

        var count = _decoder.GetChars(buffer, _chars, flush: false);
        output.Write(_chars, 0, count);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnChars();
        }

        base.Dispose(disposing);
    }

    private void ReturnChars()
    {
        if (_chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = [];
        }
    }
}
