using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// What a CapacityBuffer's status conditions say (cluster-autoscaler's buffer controller writes them): whether an
/// autoscaler accepted the buffer and is provisioning it, not whether its nodes are up. Warm is measured from the
/// nodes (<see cref="BufferWarmth"/>); these say why the rest is warming, or that it never will.
/// </summary>
public static class BufferConditions
{
    public const string ReadyForProvisioning = "ReadyForProvisioning";
    public const string Provisioning = "Provisioning";
    public const string LimitedByQuotas = "LimitedByQuotas";

    /// <summary>True once an autoscaler provisions the buffer: what make-before-break waits for.</summary>
    public static bool IsProvisioning(ObservedCapacityBuffer buffer) =>
        buffer.Condition(ReadyForProvisioning)?.IsFalse != true && buffer.Condition(Provisioning)?.IsTrue == true;

    /// <summary>True when the autoscaler refused the buffer (ReadyForProvisioning=False): it will never be warm as it is.</summary>
    public static bool IsFailed(ObservedCapacityBuffer buffer) => buffer.Condition(ReadyForProvisioning)?.IsFalse == true;

    public static string Describe(ObservedCapacityBuffer buffer)
    {
        var ready = buffer.Condition(ReadyForProvisioning);
        var provisioning = buffer.Condition(Provisioning);
        var quotas = buffer.Condition(LimitedByQuotas);
        var state = (ready, provisioning) switch
        {
            ({ IsFalse: true }, _) => $"refused by the autoscaler ({Detail(ready)})",
            (null, null) => "not accepted by any autoscaler yet (is cluster-autoscaler running with --capacity-buffer-controller-enabled?)",
            (_, { IsTrue: true }) => $"provisioning {buffer.StatusReplicas ?? 0} of {buffer.Replicas}",
            (_, { } p) => $"accepted, not provisioning ({Detail(p)})",
            _ => "accepted, not provisioning yet",
        };
        return quotas is { IsTrue: true } ? $"{state}; limited by quotas ({Detail(quotas)})" : state;
    }

    /// <summary>The ReadyForProvisioning=False condition's reason and message, for the Warning Event.</summary>
    public static string Refusal(ObservedCapacityBuffer buffer) =>
        buffer.Condition(ReadyForProvisioning) is { IsFalse: true } refused ? Detail(refused) : "";

    private static string Detail(BufferCondition condition) =>
        condition.Message.Length > 0 ? $"{condition.Reason}: {condition.Message}" : condition.Reason;
}
