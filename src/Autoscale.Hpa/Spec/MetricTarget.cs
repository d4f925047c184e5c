namespace Autoscale.Hpa.Spec;

/// <summary>
/// autoscaling/v2 <c>MetricTarget</c>. Quantities are integer milli-units, i.e. what upstream gets from
/// <c>Quantity.MilliValue()</c>.
/// </summary>
public sealed record MetricTarget(
    MetricTargetType Type,
    long? ValueMilli = null,
    long? AverageValueMilli = null,
    int? AverageUtilization = null)
{
    public static MetricTarget Utilization(int percent) => new(MetricTargetType.Utilization, AverageUtilization: percent);

    public static MetricTarget Value(long milli) => new(MetricTargetType.Value, ValueMilli: milli);

    public static MetricTarget AverageValue(long milli) => new(MetricTargetType.AverageValue, AverageValueMilli: milli);
}
