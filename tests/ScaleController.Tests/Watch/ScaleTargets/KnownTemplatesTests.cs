using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Watch.ScaleTargets;

namespace Autoscale.ScaleController.Tests.Watch.ScaleTargets;

public sealed class KnownTemplatesTests
{
    private const string Worker = """{"spec":{"containers":[{"name":"w","image":"worker","resources":{"requests":{"nvidia.com/gpu":"8"}}}]}}""";
    private const string Leader = """{"spec":{"containers":[{"name":"l","image":"leader"}]}}""";

    [Theory]
    [InlineData("""{"spec":{"leaderWorkerTemplate":{"size":2,"leaderTemplate":""" + Leader + ""","workerTemplate":""" + Worker + "}}}", "worker", "spec.leaderWorkerTemplate.workerTemplate")]
    [InlineData("""{"spec":{"leaderWorkerTemplate":{"size":2,"leaderTemplate":""" + Leader + "}}}", "leader", "spec.leaderWorkerTemplate.leaderTemplate")]
    [InlineData("""{"spec":{"leaderWorkerTemplate":{"workerTemplate":""" + Worker + "}}}", "worker", "spec.leaderWorkerTemplate.workerTemplate")]
    public void A_leader_worker_set_template_is_the_worker_template_else_the_leader_template(string json, string image, string source)
    {
        var (template, from) = KnownTemplates.From(WorkloadKind.LeaderWorkerSet, json)!.Value;

        Assert.Equal((image, source), (template.Spec.Containers.Single().Image, from));
    }

    [Theory]
    [InlineData("""{"spec":{"leaderWorkerTemplate":{"size":2}}}""")]
    [InlineData("""{"spec":{"leaderWorkerTemplate":{"workerTemplate":"oops"}}}""")]
    [InlineData("""{"spec":{"leaderWorkerTemplate":{"workerTemplate":{"metadata":{}}}}}""")]
    [InlineData("not json")]
    public void No_readable_template_is_none(string json) => Assert.Null(KnownTemplates.From(WorkloadKind.LeaderWorkerSet, json));

    [Fact]
    public void Other_kinds_have_no_known_template_path()
    {
        var rollout = WorkloadKind.From("argoproj.io/v1alpha1", "Rollout")!;

        Assert.False(KnownTemplates.Has(rollout));
        Assert.Null(KnownTemplates.From(rollout, """{"spec":{"template":""" + Worker + "}}"));
        Assert.True(KnownTemplates.Has(WorkloadKind.From("leaderworkerset.x-k8s.io/v1beta1", "LeaderWorkerSet")!));
    }
}
