namespace Autoscale.LoadTest.Cluster;

/// <summary>Where a pod is in its life. Only <see cref="Ready"/> pods serve and expose vLLM metrics.</summary>
internal enum PodStage
{
    /// <summary>Unschedulable: waiting for a node (phase Pending).</summary>
    Pending,

    /// <summary>Bound; the kubelet pulls the image (phase Pending).</summary>
    PullingImage,

    /// <summary>Container running, vLLM loading weights and warming up (phase Running, not Ready).</summary>
    Loading,

    /// <summary>Ready: in the router's endpoints.</summary>
    Ready,

    /// <summary>Deleted: out of the endpoints, draining until the grace period ends.</summary>
    Terminating,

    /// <summary>Gone.</summary>
    Deleted,
}
