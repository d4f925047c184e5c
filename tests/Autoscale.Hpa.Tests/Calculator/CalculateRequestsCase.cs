using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>One row of upstream's TestCalculateRequests table; a null expectation is upstream's nil.</summary>
internal sealed record CalculateRequestsCase(
    HpaPod[] Pods,
    string Container,
    bool EnablePodLevelResources,
    Dictionary<string, long>? ExpectedRequests,
    string? ExpectedError);
