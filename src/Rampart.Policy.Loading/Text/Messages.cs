using System.Text;

namespace Rampart.Policy.Loading.Text;

/// <summary>Keeps every error to one short line, whatever text a library quoted into it.</summary>
internal static class Messages
{
    private const int MaxLength = 512;

    public static string OneLine(string message)
    {
        var builder = new StringBuilder(Math.Min(message.Length, MaxLength + 8));
        foreach (var c in message)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append('…');
                break;
            }

            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
