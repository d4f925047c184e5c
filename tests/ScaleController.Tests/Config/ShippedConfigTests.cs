using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Tests.Config;

/// <summary>
/// The controller configs the project ships (kustomize, the Helm chart, the simulator's default) must pass the
/// controller's own loader: an invalid shipped config would be refused at start-up in every new install.
/// </summary>
public sealed class ShippedConfigTests
{
    [Theory]
    [InlineData("deploy/controller/controller-config.yaml")]
    [InlineData("deploy/chart/files/controller-config.yaml")]
    [InlineData("bench/LoadTest/configs/autoscale-default.yaml")]
    public void A_shipped_config_loads_without_errors(string path)
    {
        var result = ConfigLoader.Load(File.ReadAllText(Path.Combine(Repo.Root, path)));

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void Kustomize_and_the_chart_ship_the_same_controller_config()
    {
        var root = Repo.Root;

        Assert.Equal(
            File.ReadAllText(Path.Combine(root, "deploy/controller/controller-config.yaml")),
            File.ReadAllText(Path.Combine(root, "deploy/chart/files/controller-config.yaml")));
    }
}
