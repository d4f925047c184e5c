namespace Autoscale.ScaleController.Watch.CustomMetrics;

/// <summary>The bounded <c>outcome</c> label of <c>autoscale_controller_metric_reads_total</c>.</summary>
internal static class MetricReadOutcome
{
    public const string Ok = "ok";

    /// <summary>404: the metric (or the object, or the whole APIService) is not served.</summary>
    public const string NotFound = "not_found";

    /// <summary>503: the adapter is not ready or the APIService has no available endpoint.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>401/403: the controller's RBAC does not allow the read.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Any other error status, or a transport error.</summary>
    public const string Error = "error";

    /// <summary>No answer within the read timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>200 with a body that is not a readable MetricValueList.</summary>
    public const string Invalid = "invalid";

    public static string FromStatus(int code) => code switch
    {
        404 => NotFound,
        503 => Unavailable,
        401 or 403 => Forbidden,
        _ => Error,
    };
}
