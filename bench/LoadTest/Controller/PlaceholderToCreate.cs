namespace Autoscale.LoadTest.Controller;

/// <summary>
/// A placeholder pod to create. <paramref name="PullsImage"/>: it runs the workload's image (a sleep), so binding
/// it pulls the image onto the node; otherwise it runs the pause image and is up at once.
/// </summary>
internal sealed record PlaceholderToCreate(string Name, string TemplateHash, int Gpus, bool PullsImage);
