namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>The bounded <c>outcome</c> label of <c>autoscale_controller_scale_target_reads_total</c>.</summary>
internal static class ScaleTargetOutcome
{
    public const string Ok = "ok";

    /// <summary>404 on the object's /scale: the target is gone (its placeholders are collected).</summary>
    public const string NotFound = "not_found";

    /// <summary>401/403: the controller's RBAC does not allow the read; the workload is skipped.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Discovery does not serve the group/version, or serves no resource of the kind.</summary>
    public const string UnknownKind = "unknown_kind";

    /// <summary>The resource exists but has no /scale subresource: no HPA can scale it either.</summary>
    public const string NoScale = "no_scale";

    /// <summary>The /scale answer has no status.selector (e.g. a LeaderWorkerSet its controller has not reconciled yet).</summary>
    public const string NoSelector = "no_selector";

    /// <summary>Any other status, a transport error, a timeout or an unreadable answer: the last good read is kept a while.</summary>
    public const string Error = "error";
}
