using Rampart.Cli.Scan;

namespace Rampart.Cli.Tests.Scan;

public sealed class TransparentHugePagesTests
{
    private static readonly string[] Maps =
    [
        "55d0c0000000-55d0c0800000 r-xp 00000000 08:01 1234   /usr/local/bin/rampart",
        "55d0c1000000-55d0c1200000 rw-p 00000000 00:00 0      [heap]",
        "7f0000000000-7f0000400000 rw-p 00000000 00:00 0",
        "7f0000400000-7f1000000000 ---p 00000000 00:00 0",
        "7f1000000000-7f1000001000 rw-p 00000000 00:00 0",
        "7f2000000000-7f2000010000 r--p 00000000 08:01 99     /usr/lib/libc.so.6",
    ];

    [Fact]
    public void The_range_is_every_adjacent_anonymous_mapping_around_the_address()
    {
        Assert.Equal((0x7f0000000000UL, 0x7f1000001000UL), TransparentHugePages.AnonymousRangeAround(0x7f0000400010, Maps));
    }

    [Theory]
    [InlineData(0x55d0c0000010UL)] // the executable
    [InlineData(0x55d0c1000010UL)] // [heap] is malloc's, not the GC's
    [InlineData(0x7fffffff0000UL)] // nothing mapped
    public void An_address_outside_anonymous_memory_gives_no_range(ulong address)
    {
        Assert.Null(TransparentHugePages.AnonymousRangeAround(address, Maps));
    }
}
