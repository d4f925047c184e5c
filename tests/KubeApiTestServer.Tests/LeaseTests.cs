using k8s;
using System.Net;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

public sealed class LeaseTests
{
    [Fact]
    public async Task Lease_update_with_stale_resource_version_is_409_so_only_one_leader_wins()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = server.CreateClient();
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "scale-controller" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 },
        }, "autoscale");
        var seenByB = await client.CoordinationV1.ReadNamespacedLeaseAsync("scale-controller", "autoscale");

        lease.Spec.HolderIdentity = "a";
        lease.Spec.LeaseTransitions = 0;
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "scale-controller", "autoscale");
        seenByB.Spec.HolderIdentity = "b";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(seenByB, "scale-controller", "autoscale"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Operation cannot be fulfilled on leases.coordination.k8s.io", error.Response.Content, StringComparison.Ordinal);
        Assert.Equal("a", server.Get<V1Lease>("autoscale", "scale-controller")!.Spec.HolderIdentity);
    }
}
