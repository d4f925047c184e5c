namespace Autoscale.MetricsAdapter.Api;

/// <summary>Bounds on request input; larger input gets a 400, never a crash.</summary>
internal static class ApiLimits
{
    public const int MaxSelectorLength = 16 * 1024;
    public const int MaxPathLength = 4 * 1024;

    /// <summary>Request headers a request may carry (Kestrel's own default count).</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>Bytes of one request header, name and value (Kestrel's HTTP/2 default field size).</summary>
    public const int MaxHeaderFieldBytes = 16 * 1024;

    /// <summary>Bytes of all request headers together.</summary>
    public const int MaxHeadersTotalBytes = 64 * 1024;

    /// <summary>Characters of caller input an error message repeats at most.</summary>
    public const int MaxEchoedInputLength = 256;
}
