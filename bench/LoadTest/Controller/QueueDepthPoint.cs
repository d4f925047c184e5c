namespace Autoscale.LoadTest.Controller;

/// <summary>Requests waiting, summed over the serving replicas, at one scrape (virtual seconds).</summary>
internal sealed record QueueDepthPoint(double At, int Waiting);
