using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Policies;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.LoadTest.Controller;

/// <summary>
/// The scale controller's loop in virtual time: observe, run the controller's own <see cref="Decider.Decide(DecideInput)"/>,
/// act. Acting writes the behavior (defaulted as the API server would) and the history annotation onto the
/// simulated HPA, merges the planner's annotations onto it (as Act's merge patch does) and hands placeholder creates
/// and deletes, and the CapacityBuffer's size, to the simulator. Dry-run decisions are not applied. Keeps only what the real controller keeps in
/// memory: the cold-start histories and planner states Decide returned.
/// </summary>
internal sealed class SimulatedController
{
    private readonly ControllerConfig _config;
    private readonly WorkloadConfig _workload;
    private readonly PodTemplate _template;
    private readonly HpaDriver _hpa;
    private IReadOnlyDictionary<WorkloadRef, ColdStartHistory> _history = new Dictionary<WorkloadRef, ColdStartHistory>();
    private IReadOnlyDictionary<WorkloadRef, string> _planner = new Dictionary<WorkloadRef, string>();
    private readonly List<PlannerEvent> _plannerEvents = [];
    private ObservedCapacityBuffer? _buffer;

    public SimulatedController(ControllerConfig config, HpaDriver hpa, double tickSeconds = 10, Func<DecideInput, DecideOutput>? decide = null)
    {
        TickSeconds = tickSeconds;
        _config = config;
        _workload = config.Workloads[0];
        _template = ObservedClusterBuilder.Template(config);
        _hpa = hpa;
        Decide = decide ?? Decider.Decide;
    }

    /// <summary>How often the loop observes and acts (the controller's resync period).</summary>
    public double TickSeconds { get; }

    /// <summary>The Decide step this loop runs: the controller's <see cref="Decider"/> unless a test wraps it.</summary>
    public Func<DecideInput, DecideOutput> Decide { get; }

    public int Ticks { get; private set; }

    public DecideOutput? Last { get; private set; }

    public int BehaviorWrites { get; private set; }

    /// <summary>The windows the adapter computes the demand metrics over (the host's store uses them).</summary>
    public Metrics.DemandWindows DemandWindows { get; init; } = new(2, 30, 60);

    /// <summary>Whether the workload's SLO planner is on: the host then reads the demand metrics for it.</summary>
    public bool ReadsDemand => _workload.Policy.Planner is { Enabled: true, Profile: not null };

    /// <summary>The planner's Events (each change of the published number, each stop), in order.</summary>
    public IReadOnlyList<PlannerEvent> PlannerEvents => _plannerEvents;

    /// <summary>How many times the planner's annotations were written to the HPA.</summary>
    public int PlannerWrites { get; private set; }

    /// <summary>The simulated workload: the config's first <c>workloads[]</c> entry.</summary>
    public string WorkloadName => _workload.Workload.Name;

    /// <summary>The warm pool as of the last tick: placeholders wanted by policy and granted by the budgets.</summary>
    public (int Wanted, int Granted)? Pool => Last?.Pools.FirstOrDefault() is { } p ? (p.Wanted, p.Granted) : null;

    /// <summary>
    /// Whether the simulated cluster serves the CapacityBuffer API: when the workload's warm pool may be a buffer
    /// (backend capacityBuffer or auto). Its Cluster Autoscaler accepts a buffer at once and provisions all of it.
    /// </summary>
    public bool ServesCapacityBuffers => _workload.Policy.WarmPool.Backend != WarmPoolBackend.Placeholders;

    /// <summary>Cold starts learnt so far for the simulated workload.</summary>
    public int ColdStartSamples => History.Samples.Count;

    /// <summary>The window the controller's rule gives for what it has learnt (what the HPA should now carry).</summary>
    public int LearntWindowSeconds
    {
        get
        {
            var policy = _workload.Policy;
            var estimate = ColdStartEstimate.From(History, policy.ColdStart);
            return WindowRule.Compute(policy.ScaleDown, policy.ColdStart, estimate, History.Samples.Count).Seconds;
        }
    }

    private ColdStartHistory History => _history.GetValueOrDefault(_workload.Workload) ?? ColdStartHistory.Empty;

    public ControllerActions Tick(ControllerTickInput input)
    {
        var cluster = ObservedClusterBuilder.Build(_workload, _template, _hpa, input);
        if (ServesCapacityBuffers)
        {
            cluster = cluster with { CapacityBuffers = new CapacityBufferApi("v1beta1", _buffer is null ? [] : [_buffer]) };
        }

        int? buffer = null;
        var output = Decide(new DecideInput(_config, cluster, _history, HpaDriver.At(input.Now), _planner));
        _history = output.History;
        _planner = output.Planner ?? _planner;
        Last = output;
        Ticks++;
        var delete = new List<string>();
        var create = new List<PlaceholderToCreate>();
        foreach (var decision in output.Decisions.Where(d => !d.DryRun))
        {
            switch (decision)
            {
                case SetBehavior set:
                    _hpa.Spec = _hpa.Spec with { Behavior = HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior(set.Behavior) };
                    BehaviorWrites++;
                    break;
                case PersistHistory persist:
                    _hpa.Annotations[PersistHistory.Annotation] = persist.AnnotationValue;
                    break;
                case PublishRecommendation publish:
                    foreach (var (key, value) in publish.Annotations)
                    {
                        _hpa.Annotations[key] = value;
                    }

                    if (publish.Event is { } evt)
                    {
                        _plannerEvents.Add(new PlannerEvent(input.Now, publish.Replicas, evt.Reason, evt.Message));
                    }

                    PlannerWrites++;
                    break;
                case DeletePlaceholder gone:
                    delete.Add(gone.Name);
                    break;
                case CreatePlaceholder made:
                    create.Add(new PlaceholderToCreate(made.Spec.Name, made.Spec.TemplateHash, made.Spec.Gpus, made.Spec.Command is not null));
                    break;
                case ApplyCapacityBuffer apply:
                    var spec = apply.Spec;
                    _buffer = new ObservedCapacityBuffer(
                        spec.Namespace, spec.Name, spec.Owner, spec.Replicas, spec.TemplateHash, spec.Gpus, spec.ProvisioningStrategy, spec.Replicas,
                        [new BufferCondition(BufferConditions.ReadyForProvisioning, "True", "Resolved", ""), new BufferCondition(BufferConditions.Provisioning, "True", "Provisioning", "")],
                        _buffer?.Created ?? HpaDriver.At(input.Now));
                    buffer = spec.Replicas;
                    break;
                case WarnBufferRefused:
                    break;
                case DeleteCapacityBuffer:
                    _buffer = null;
                    buffer = 0;
                    break;
                default:
                    throw new InvalidOperationException($"unknown decision {decision.GetType().Name}");
            }
        }

        return new ControllerActions(delete, create, buffer);
    }
}
