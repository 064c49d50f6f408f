using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Rampart.Policy.Loading.Text;
using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Reads one large JSON template on two threads: the calling thread reads up to a cut between two resources
/// (<see cref="ResourceSeam"/>), a second thread reads from there to the end, and the two trees are joined. Loading a
/// single large template otherwise leaves the machine's other cores idle. The result must be exactly the one-thread
/// result: at any doubt (the cut not where it was guessed, a syntax error, a duplicate key, a limit) this gives null
/// and the caller reads the file on one thread, which words and places every fault.
/// </summary>
internal static class TwoThreadJson
{
    /// <summary>
    /// From this length a file is read on two threads. Measured on CDK-shaped templates (native build, loading phase,
    /// one thread -> two): 248 KB 1.7 -> 1.6 ms, 333 KB 2.1 -> 1.8 ms, 500 KB 3.1 -> 2.2 ms. Break-even is near 250 KB,
    /// where starting a thread and counting the first part's lines again cost what the second thread saves; below
    /// ~400 KB the gain is a few tenths of a millisecond for most of a millisecond more CPU.
    /// </summary>
    public const long MinBytes = 384 * 1024;

    /// <summary>
    /// Where the cut is looked for, forward from there: the second thread, which starts later (starting the thread and
    /// counting the lines before the cut take ~1 ms at 5,000 resources), gets a little less than half. Starting points
    /// from 0.48 to 0.54 measured the same within noise.
    /// </summary>
    private const double SearchFrom = 0.5;

    /// <summary>What the second reader reads before the file's text from the cut on: the path the first reader stopped in.</summary>
    private static ReadOnlySpan<byte> SyntheticPrefix => "{\"Resources\":{"u8;

    /// <summary>The root and Resources mappings of <see cref="SyntheticPrefix"/>, counted by the second reader only.</summary>
    private const int SyntheticNodes = 2;

    /// <summary>
    /// The template in <paramref name="file"/>, or null to read it on one thread. <paramref name="buffer"/> holds the
    /// first block of text on entry; its content is used up either way.
    /// </summary>
    public static ParseResult? TryParse(
        SafeFileHandle file,
        long length,
        int byteOrderMark,
        string path,
        LoadLimits limits,
        ref byte[] buffer,
        int buffered)
    {
        if (ResourceSeam.Find(file, length, byteOrderMark, buffer.AsSpan(0, buffered), SearchFrom) is not var (cut, column))
        {
            return null;
        }

        var second = new SecondPart(file, cut, length, column, path, limits);
        var thread = new Thread(second.Read) { IsBackground = true, Name = "rampart-json-second-part" };
        try
        {
            thread.Start();
        }
        catch (OutOfMemoryException)
        {
            // No thread to be had (a process or system limit): one thread reads it all.
            return null;
        }

        OpenResources? first;
        try
        {
            // The text before the cut; a first block longer than that (a small file, in tests) is cut short.
            var textBeforeCut = (int)Math.Min(cut - byteOrderMark, int.MaxValue);
            buffered = Math.Min(buffered, textBeforeCut);
            first = new JsonTemplateReader(path, limits, textBeforeCut)
                .ReadUpToResourceSeam(file, byteOrderMark + buffered, cut, ref buffer, buffered);
        }
        catch (Exception)
        {
            first = null;
        }
        finally
        {
            // Never leaves the second thread reading a file its caller is about to close.
            thread.Join();
        }

        return first is not null && second.Content is { DeferredError: null, Root: { IsMapping: true } rest }
            && Join(first, rest.AsMapping()!.Value, second.NodesRead, limits) is { } root
            ? TemplateParser.Conclude(path, new DocumentContent(root, null))
            : null;
    }

    /// <summary>
    /// The root mapping one reader would have built: the first part's entries, then the second's. Null when a key of
    /// the second part repeats one of the first (the one-thread reader words that fault) or the two parts together
    /// pass the node limit. The joined mappings are added to the first part's document, their entries from the
    /// second part referring to its document as the first's continuation (no node is copied).
    /// </summary>
    private static TemplateNode? Join(OpenResources first, MappingNode rest, long restNodes, LoadLimits limits)
    {
        if (first.NodesRead + restNodes - SyntheticNodes > limits.MaxNodes
            || rest.Count == 0
            || rest.Entries[0] is not { Key: "Resources" } resourcesEntry
            || resourcesEntry.Value.AsMapping() is not { } restResourcesNode)
        {
            return null;
        }

        var restRoot = rest.EntrySpan;
        var restResources = restResourcesNode.EntrySpan;
        var resourceIds = first.ResourceIds ?? first.Resources.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        foreach (ref readonly var entry in restResources)
        {
            if (resourceIds.Contains(entry.Key))
            {
                return null;
            }
        }

        // Root keys after Resources against those before it (a handful); a second Resources the second reader saw itself.
        foreach (ref readonly var entry in restRoot[1..])
        {
            foreach (ref readonly var earlier in first.RootEntries.AsSpan())
            {
                if (earlier.Key == entry.Key)
                {
                    return null;
                }
            }
        }

        var document = first.Document;
        document.Continuation = rest.Document;
        var resources = new EntryRecord[first.Resources.Length + restResources.Length];
        first.Resources.CopyTo(resources, 0);
        Continued(restResources, resources.AsSpan(first.Resources.Length));
        var resourcesIndex = document.AddMapping(resources, first.ResourcesStart.Line, first.ResourcesStart.Column);

        var root = new EntryRecord[first.RootEntries.Length + restRoot.Length];
        first.RootEntries.CopyTo(root, 0);
        root[first.RootEntries.Length] = new EntryRecord("Resources", first.ResourcesKey.Line, first.ResourcesKey.Column, resourcesIndex);
        Continued(restRoot[1..], root.AsSpan(first.RootEntries.Length + 1));
        return document.Node(document.AddMapping(root, first.Root.Line, first.Root.Column));
    }

    /// <summary>Entries of the second part as entries of the first part's document, their values in its continuation.</summary>
    private static void Continued(ReadOnlySpan<EntryRecord> entries, Span<EntryRecord> into)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            into[i] = new EntryRecord(entry.Key, entry.KeyLine, entry.KeyColumn, TemplateDocument.InContinuation(entry.Value));
        }
    }

    /// <summary>The second thread's work: read from the cut to the end as a document of its own, placed where the cut is.</summary>
    private sealed class SecondPart(SafeFileHandle file, long cut, long length, int column, string path, LoadLimits limits)
    {
        /// <summary>What was read; null when reading failed (a syntax error, a limit, an I/O error).</summary>
        public DocumentContent? Content { get; private set; }

        public long NodesRead { get; private set; }

        public void Read()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(StreamedJson.BlockSize);
            try
            {
                var lines = CountLineBreaks(file, cut, buffer);
                SyntheticPrefix.CopyTo(buffer);
                var reader = new JsonTemplateReader(path, limits, length - cut);
                reader.StartAt(new Utf8Positions(lines, column, SyntheticPrefix.Length));
                Content = reader.ReadBlocks(file, cut, length, ref buffer, SyntheticPrefix.Length);
                NodesRead = reader.NodesRead;
            }
            catch (Exception)
            {
                // Any fault is the one-thread reader's to find and word.
                Content = null;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>The line breaks in the file before <paramref name="end"/>: the line the cut is on, 0-based.</summary>
        private static int CountLineBreaks(SafeFileHandle file, long end, byte[] buffer)
        {
            var lines = 0;
            for (long offset = 0; offset < end;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - offset)), offset);
                if (read == 0)
                {
                    throw new IOException("the file ended before the cut");
                }

                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                offset += read;
            }

            return lines;
        }
    }
}
