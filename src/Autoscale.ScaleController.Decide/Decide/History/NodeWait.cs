namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// The part of a cold start's scheduling phase spent on a node that did not exist yet: provisioning (the pod
/// became unschedulable → the node object was created: cloud API, VM boot, joining the cluster) and start-up (node
/// created → node Ready: kubelet, driver and runtime, GPU device plugin). Whole seconds.
/// </summary>
public sealed record NodeWait(int ProvisionSeconds, int StartupSeconds);
