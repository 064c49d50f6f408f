using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Yaml;

/// <summary>
/// Types an untagged plain (unquoted) scalar as the YAML 1.2 core schema does, which is what
/// CloudFormation does too: <c>yes</c>, <c>no</c>, <c>on</c>, <c>off</c> stay strings.
/// Only decimal numbers are numbers; <c>0x1F</c>, <c>0o17</c>, <c>.inf</c> and <c>.nan</c> stay strings.
/// </summary>
internal static class PlainScalars
{
    public static ScalarKind KindOf(string text)
    {
        switch (text)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return ScalarKind.Null;
            case "true":
            case "True":
            case "TRUE":
            case "false":
            case "False":
            case "FALSE":
                return ScalarKind.Boolean;
            default:
                return IsDecimalNumber(text) ? ScalarKind.Number : ScalarKind.String;
        }
    }

    /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, without a regex.</summary>
    private static bool IsDecimalNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
