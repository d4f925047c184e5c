namespace Autoscale.LoadTest.Policies;

/// <summary>
/// SEAM for src/ScaleController's pure Decide step (branch <c>controller</c>). Until that lands the simulator uses
/// <see cref="InterimControllerDecide"/>; once merged, an adapter over the controller's Decide replaces it.
/// </summary>
internal interface IControllerDecide
{
    ControllerAdvice Advise(PolicyInput input, int hpaDesired);
}
