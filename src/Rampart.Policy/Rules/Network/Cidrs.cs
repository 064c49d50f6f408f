using System.Globalization;

namespace Rampart.Policy.Rules.Network;

/// <summary>An IPv4 CIDR block as a number and a prefix length, for "is this range inside the VPC" questions.</summary>
public readonly record struct Ipv4Block(uint Address, int PrefixLength)
{
    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Parses <c>10.0.0.0/16</c>; null for anything else (IPv6, a bare address, a typo).</summary>
    public static Ipv4Block? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return null;
        }

        var octets = text[..slash].Split('.');
        if (octets.Length != 4)
        {
            return null;
        }

        uint address = 0;
        foreach (var octet in octets)
        {
            if (!byte.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            address = (address << 8) | value;
        }

        return new Ipv4Block(address, prefix);
    }

    /// <summary>True when every address of <paramref name="inner"/> is in this block.</summary>
    public bool Contains(Ipv4Block inner) => inner.PrefixLength >= PrefixLength && (inner.Address & Mask) == (Address & Mask);
}

/// <summary>CIDR texts as templates write them.</summary>
public static class Cidrs
{
    public const string AnyIpv4 = "0.0.0.0/0";
    public const string AnyIpv6 = "::/0";

    /// <summary>0.0.0.0/0 or ::/0: the whole internet.</summary>
    public static bool IsAnywhere(string? cidr) => cidr is AnyIpv4 or AnyIpv6;

    /// <summary>
    /// True when <paramref name="inner"/> lies inside <paramref name="outer"/> (both IPv4 texts); null when
    /// either cannot be read as an IPv4 block.
    /// </summary>
    public static bool? Within(string? inner, string? outer) =>
        Ipv4Block.Parse(inner) is { } i && Ipv4Block.Parse(outer) is { } o ? o.Contains(i) : null;
}
