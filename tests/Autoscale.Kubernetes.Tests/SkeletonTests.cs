namespace Autoscale.Kubernetes.Tests;

public sealed class SkeletonTests
{
    [Fact]
    public void Everything_selector_is_empty() => Assert.True(LabelSelector.Everything.IsEmpty);
}
