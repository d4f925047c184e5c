namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// Demand expected <see cref="HorizonSeconds"/> ahead: the central forecast and the upper quantile the planner
/// sizes for. <see cref="Seasonal"/> says whether a full day has been seen (before that the forecast is Holt's
/// linear trend only and the interval is correspondingly wider in practice).
/// </summary>
internal sealed record Forecast(double Central, double Upper, int HorizonSeconds, bool Seasonal);
