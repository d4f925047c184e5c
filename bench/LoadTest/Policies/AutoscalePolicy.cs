using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Autoscale: the HPA library on fresh (2 s) queue depth, with the behavior's scale-down stabilisation and the
/// placeholder count coming from the controller's Decide step (<see cref="IControllerDecide"/>).
/// </summary>
internal sealed class AutoscalePolicy(AutoscaleOptions options, int maxReplicas, IControllerDecide controller) : IScalingPolicy
{
    private int _stabilisationSeconds = (int)options.InitialStabilisationSeconds;
    private int _placeholders = options.WarmPoolMin;

    public string Name => "autoscale";

    public HpaDriver Hpa { get; } = new(Spec(options, maxReplicas, (int)options.InitialStabilisationSeconds), HpaControllerOptions.Default);

    public IControllerDecide Controller => controller;

    public MetricPipelineOptions Pipeline { get; } = new(options.ScrapeSeconds);

    public double DecideEverySeconds => 15;

    public int MinReplicas => options.MinReplicas;

    public ScaleDecision Decide(PolicyInput input)
    {
        Hpa.Spec = Spec(options, maxReplicas, _stabilisationSeconds);
        var desired = Hpa.Reconcile(input, HpaMetricsFactory.PodsWaiting(CommonRecipePolicy.QueueDepth, input.Metrics));
        var advice = controller.Advise(input, desired);
        _stabilisationSeconds = advice.ScaleDownStabilisationSeconds;
        _placeholders = advice.Placeholders;
        return new ScaleDecision(desired, _placeholders);
    }

    private static HpaSpec Spec(AutoscaleOptions options, int maxReplicas, int scaleDownWindow) => new(
        maxReplicas,
        [MetricSpec.Pods(CommonRecipePolicy.QueueDepth, MetricTarget.AverageValue(options.TargetQueueDepthMilli))],
        options.MinReplicas,
        HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(new HpaBehavior(ScaleDown: new HpaScalingRules(StabilizationWindowSeconds: scaleDownWindow))));
}
