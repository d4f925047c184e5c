namespace Autoscale.ScaleController.Config;

/// <summary>A refused config edit: its revision and every error (each names its field).</summary>
internal sealed record ConfigRefusal(string Revision, IReadOnlyList<string> Errors);
