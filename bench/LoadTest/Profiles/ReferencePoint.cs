namespace Autoscale.LoadTest.Profiles;

/// <summary>
/// One published figure a profile is calibrated against (a row of <c>reference-points.csv</c>). Kind "point" must be
/// met within ±25 %, "upper-bound" must not be exceeded, "none" records that nothing was published for the shape.
/// </summary>
internal sealed record ReferencePoint(
    string Profile,
    string Source,
    string Gpu,
    string Model,
    string Shape,
    string Metric,
    string Kind,
    double? Figure,
    string Note);
