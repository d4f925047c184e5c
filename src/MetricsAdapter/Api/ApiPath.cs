using System.Text;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// The one reading of a request path that both authorization and routing use, so they can never disagree about
/// what was asked for. <see cref="Path"/> is what Go's <c>URL.Path</c> holds on an upstream apiserver (every escape
/// decoded, <c>%2F</c> included), <see cref="Parts"/> is k8s.io/apiserver's <c>splitPath</c> of it (slashes trimmed
/// at both ends, split on <c>/</c>). Matching is ordinal (case-sensitive) everywhere, as upstream's is.
/// </summary>
internal sealed record ApiPath(string Path, IReadOnlyList<string> Parts)
{
    private static readonly string[] Versions = ["v1beta1", "v1beta2"];

    /// <summary>The path routing sees, or null when no route may match it.</summary>
    /// <remarks>
    /// A doubled slash (an empty segment), <c>.</c> or <c>..</c> is authorized as upstream would read it but is never
    /// routed: the HTTP server would otherwise clean it and serve a different path than the one authorized.
    /// Upstream's router does not match such paths either. A single trailing slash is kept, as upstream's router sees it.
    /// </remarks>
    public string? Routable =>
        Path.Contains("//", StringComparison.Ordinal) || Parts.Any(p => p is "." or "..") ? null : Path;

    /// <summary>Parses the raw request target (path and query as sent); null when it holds a malformed escape or a control character.</summary>
    public static ApiPath? FromRawTarget(string rawTarget)
    {
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var raw = query < 0 ? rawTarget : rawTarget[..query];
        if (Unescape(raw) is not { } path)
        {
            return null;
        }

        var trimmed = path.Trim('/');
        return new ApiPath(path, trimmed.Length == 0 ? [] : trimmed.Split('/'));
    }

    /// <summary>True when the path is one this server has a handler for, matched exactly (no case folding).</summary>
    public bool IsServed(bool externalEnabled)
    {
        if (Routable is null || Parts.Count == 0)
        {
            return false;
        }

        return Parts[0] switch
        {
            "apis" => Parts.Count == 1 || Parts[1] switch
            {
                "custom.metrics.k8s.io" => Parts.Count == 2 || Versions.Contains(Parts[2], StringComparer.Ordinal),
                "external.metrics.k8s.io" => externalEnabled && (Parts.Count == 2 || Parts[2] == "v1beta1"),
                _ => false,
            },
            "openapi" => Parts.Count >= 2 && Parts[1] is "v2" or "v3" && (Parts[1] == "v3" || Parts.Count == 2),
            "version" or "healthz" or "livez" or "readyz" => Parts.Count == 1,
            _ => false,
        };
    }

    /// <summary>Percent-decoding as Go's <c>url.PathUnescape</c> does, refusing what no client should send (NUL, controls, bad escapes).</summary>
    private static string? Unescape(string raw)
    {
        if (!raw.Contains('%', StringComparison.Ordinal))
        {
            return raw.Any(char.IsControl) ? null : raw;
        }

        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                {
                    return null;
                }

                bytes.Add((byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        var path = Encoding.UTF8.GetString([.. bytes]);
        return path.Any(char.IsControl) ? null : path;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
