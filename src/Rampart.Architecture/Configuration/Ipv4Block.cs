using System.Globalization;

namespace Rampart.Architecture.Configuration;

/// <summary>An IPv4 CIDR block (address and prefix length), parsed strictly.</summary>
public readonly record struct Ipv4Block(uint Address, int PrefixLength)
{
    private static readonly Ipv4Block[] PrivateRanges =
    [
        new(0x0A000000, 8),   // 10.0.0.0/8
        new(0xAC100000, 12),  // 172.16.0.0/12
        new(0xC0A80000, 16),  // 192.168.0.0/16
    ];

    /// <summary>The number of addresses in the block.</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>The first address after the block.</summary>
    public long End => Address + Size;

    /// <summary>True when no host bit is set (10.0.0.0/16, not 10.0.0.1/16).</summary>
    public bool IsNetworkAddress => (Address & HostMask) == 0;

    /// <summary>The block with its host bits cleared.</summary>
    public Ipv4Block Network => new(Address & ~HostMask, PrefixLength);

    /// <summary>True when the whole block lies in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918).</summary>
    public bool IsPrivate
    {
        get
        {
            foreach (var range in PrivateRanges)
            {
                if (range.Contains(this))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private uint HostMask => PrefixLength == 0 ? uint.MaxValue : (1u << (32 - PrefixLength)) - 1;

    /// <summary>Parses <c>a.b.c.d/n</c>: four decimal octets without leading zeros, a prefix from 0 to 32.</summary>
    public static bool TryParse(string text, out Ipv4Block block)
    {
        block = default;
        var slash = text.Split('/');
        if (slash.Length != 2 || !TryParseNumber(slash[1], 32, out var prefix))
        {
            return false;
        }

        var octets = slash[0].Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        uint address = 0;
        foreach (var octet in octets)
        {
            if (!TryParseNumber(octet, 255, out var value))
            {
                return false;
            }

            address = (address << 8) | (uint)value;
        }

        block = new Ipv4Block(address, prefix);
        return true;
    }

    public bool Contains(Ipv4Block other) => other.PrefixLength >= PrefixLength && other.Address >= Address && other.End <= End;

    public bool Overlaps(Ipv4Block other) => Address < other.End && other.Address < End;

    public override string ToString() =>
        $"{Address >> 24}.{(Address >> 16) & 0xFF}.{(Address >> 8) & 0xFF}.{Address & 0xFF}/{PrefixLength}";

    private static bool TryParseNumber(string text, int max, out int value)
    {
        value = 0;
        var wellFormed = text.Length is > 0 and <= 3
            && text.All(char.IsAsciiDigit)
            && (text.Length == 1 || text[0] != '0');
        return wellFormed
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= max;
    }
}
