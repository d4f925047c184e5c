using System.Globalization;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The lines a child writes before <c>ready</c> (<c>api URL</c>, <c>pods N</c>, <c>listening URL pid PID</c>) and the
/// answer to a <c>heap</c> request (<c>heap BYTES</c>), written and read by the same code.
/// </summary>
internal static class Handshake
{
    public static string Api(Uri url) => "api " + url.AbsoluteUri;

    public static string Pods(int count) => "pods " + count.ToString(CultureInfo.InvariantCulture);

    public static string Listening(Uri url, int pid) => $"listening {url.AbsoluteUri} pid {pid.ToString(CultureInfo.InvariantCulture)}";

    public static string Heap(long bytes) => "heap " + bytes.ToString(CultureInfo.InvariantCulture);

    public static Uri ReadApi(IReadOnlyList<string> lines) =>
        new(Value(lines, "api", 1));

    public static int ReadPods(IReadOnlyList<string> lines) =>
        int.Parse(Value(lines, "pods", 1), CultureInfo.InvariantCulture);

    public static (Uri Url, int Pid) ReadListening(IReadOnlyList<string> lines)
    {
        var parts = Line(lines, "listening");
        return parts is [_, var url, "pid", var pid]
            ? (new Uri(url), int.Parse(pid, CultureInfo.InvariantCulture))
            : throw new FormatException($"malformed handshake line '{string.Join(' ', parts)}'");
    }

    public static long ReadHeap(string line) =>
        line.Split(' ') is ["heap", var bytes] ? long.Parse(bytes, CultureInfo.InvariantCulture) : throw new FormatException($"expected 'heap BYTES', got '{line}'");

    private static string Value(IReadOnlyList<string> lines, string key, int index)
    {
        var parts = Line(lines, key);
        return parts.Length > index ? parts[index] : throw new FormatException($"malformed handshake line '{string.Join(' ', parts)}'");
    }

    private static string[] Line(IReadOnlyList<string> lines, string key) =>
        lines.Select(l => l.Split(' ')).FirstOrDefault(p => p[0] == key)
        ?? throw new FormatException($"the child's handshake has no '{key}' line: {string.Join(" | ", lines)}");
}
