namespace Autoscale.LoadTest.Controller;

/// <summary>A live placeholder pod: its name, the template hash label it was created with, and its node if bound.</summary>
internal sealed record PlaceholderView(string Name, string TemplateHash, int Gpus, int? NodeId);
