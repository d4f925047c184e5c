using Autoscale.ScaleController.Hosting;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>Lets a test write <c>app.Parts.Loop</c> for a controller composed on DI.</summary>
internal static class ControllerAppExtensions
{
    extension(ControllerApp app)
    {
        public ControllerAppParts Parts => new(app.Services);
    }
}
