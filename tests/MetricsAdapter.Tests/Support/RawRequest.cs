namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>
/// A request whose path goes on the wire exactly as written: no dot-segment removal, no escaping or unescaping
/// (System.Uri would otherwise clean <c>..</c> and some escapes before the server ever saw them).
/// </summary>
internal static class RawRequest
{
    public static HttpRequestMessage Get(Uri baseAddress, string pathAndQuery) =>
        new(HttpMethod.Get, new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
}
