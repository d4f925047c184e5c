namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>A bearer token read from a file and re-read every minute, since projected service account tokens rotate.</summary>
internal sealed class BearerTokenFile(string path, TimeProvider time)
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public string Token
    {
        get
        {
            var now = time.GetUtcNow();
            lock (_gate)
            {
                if (_token is null || now - _readAt >= RereadAfter)
                {
                    _token = File.ReadAllText(path).Trim();
                    _readAt = now;
                }

                return _token;
            }
        }
    }
}
