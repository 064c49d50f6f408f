using Rampart.Policy.Model;

namespace Rampart.Policy.Tests.Engine;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("sg-web \u001b[2J", "sg-web \\u001B[2J")] // a terminal escape sequence: clear the screen
    [InlineData("\u001b]0;owned\u0007", "\\u001B]0;owned\\u0007")] // set the window title, then BEL
    [InlineData("a\bb\u007fc", "a\\u0008b\\u007Fc")] // backspace and DEL rewrite what was printed
    [InlineData("line\nrampart: forged", "line\\u000Arampart: forged")] // a line break would forge a report line
    [InlineData("tab\there\r", "tab\\u0009here\\u000D")]
    [InlineData("\u009b31m", "\\u009B31m")] // C1 control (CSI)
    [InlineData("admin\u202Egpj.exe", "admin\\u202Egpj.exe")] // right-to-left override shows text reversed
    [InlineData("\u2066isolated\u2069", "\\u2066isolated\\u2069")]
    [InlineData("\uffff", "\\uFFFF")]
    public void Unprintable_characters_are_written_as_escapes(string text, string expected)
    {
        Assert.Equal(expected, PrintableText.Of(text));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_an_escape()
    {
        // Built here, not in InlineData: the theory's data would be re-encoded on the way and lose the lone half.
        var text = "lone " + '\ud800' + " surrogate";

        Assert.Equal("lone \\uD800 surrogate", PrintableText.Of(text)); // XML cannot hold it
    }

    [Theory]
    [InlineData("Properties.SecurityGroupIngress[0].CidrIp")]
    [InlineData("café Ünïcode — “quotes” 数据库")]
    [InlineData("emoji \U0001F512 stays")] // a surrogate pair is one printable character
    [InlineData("")]
    public void Printable_text_is_returned_as_it_is_without_a_copy(string text)
    {
        Assert.Same(text, PrintableText.Of(text));
    }
}
