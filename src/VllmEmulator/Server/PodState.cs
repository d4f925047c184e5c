namespace Autoscale.VllmEmulator.Server;

/// <summary>Lifecycle of an emulated vLLM pod.</summary>
public enum PodState
{
    Created,

    /// <summary>Loading the model: like vLLM, no HTTP server yet, so connections are refused.</summary>
    Loading,

    Ready,

    /// <summary>vLLM sleep mode: the server answers, the engine holds no weights and runs nothing.</summary>
    Sleeping,

    Stopped,
}
