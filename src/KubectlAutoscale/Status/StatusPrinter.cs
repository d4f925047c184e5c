using System.Globalization;

namespace Autoscale.Kubectl.Status;

/// <summary>The report as text, in the order one debugs: verdict, the API, each metric, the HPA, the controller.</summary>
internal static class StatusPrinter
{
    public static void Write(StatusReport r, TextWriter o)
    {
        o.WriteLine($"HPA {r.Namespace}/{r.Name} → {r.Target} (selector {r.Selector ?? "<unknown: /scale unreadable>"})");
        o.WriteLine($"  replicas: {Num(r.CurrentReplicas)} current, {Num(r.DesiredReplicas)} desired (min {r.MinReplicas}, max {r.MaxReplicas})");
        if (r.Problems.Count == 0)
        {
            o.WriteLine("  verdict:  OK: every metric is served and the HPA can scale");
        }
        else
        {
            o.WriteLine($"  verdict:  {r.Problems.Count} problem(s)");
            foreach (var p in r.Problems)
            {
                o.WriteLine($"    - {p.Text}");
                o.WriteLine($"      see {p.Link}");
            }
        }

        o.WriteLine();
        o.WriteLine("custom.metrics.k8s.io APIServices");
        foreach (var s in r.ApiServices)
        {
            o.WriteLine($"  {s.Name,-32} {s.Service,-40} {(s.Available ? "Available" : "NOT Available")} ({s.Reason}: {s.Message})");
        }

        o.WriteLine();
        o.WriteLine("Metrics (what the API serves for this HPA)");
        foreach (var m in r.Metrics)
        {
            var head = $"  {m.Name} ({m.Source}{(m.Target.Length > 0 ? ", target " + m.Target : "")})";
            if (m.ErrorCode is not 200)
            {
                o.WriteLine($"{head}: {Code(m.ErrorCode)}: {m.Error}");
            }
            else
            {
                o.WriteLine($"{head}: {m.Served.Count} served");
                foreach (var v in m.Served)
                {
                    var window = v.WindowSeconds is { } w ? $", window {w}s" : "";
                    o.WriteLine($"    {v.Object,-36} {v.Value,-10} sample age {StatusReader.Age(v.Age)}{window}");
                }
            }

            foreach (var p in m.LeftOut)
            {
                o.WriteLine($"    left out: {p.Pod}: {p.Reason}");
            }
        }

        o.WriteLine();
        o.WriteLine("HPA conditions");
        if (r.Conditions.Count == 0)
        {
            o.WriteLine("  none yet (the HPA controller has not synced this HPA)");
        }

        foreach (var c in r.Conditions)
        {
            o.WriteLine($"  {c.Type,-15} {c.Status,-6} {c.Reason}: {c.Message}");
        }

        foreach (var e in r.HpaControllerEvents)
        {
            o.WriteLine($"  event {StatusReader.Age(e.Age)} ago: {e.Type} {e.Reason}{Times(e.Count)}: {e.Message}");
        }

        o.WriteLine();
        o.WriteLine("Scale controller");
        o.WriteLine($"  behavior: {r.Behavior ?? "none set (the controller has not managed this HPA yet, or it is not managed)"}");
        if (r.ControllerEvents.Count == 0)
        {
            o.WriteLine("  last decision: none recorded on this HPA");
        }

        for (var i = 0; i < r.ControllerEvents.Count; i++)
        {
            var e = r.ControllerEvents[i];
            o.WriteLine($"  {(i == 0 ? "last decision" : "before that")} ({StatusReader.Age(e.Age)} ago, {e.Reason}{Times(e.Count)}): {e.Message}");
        }

        foreach (var (key, value) in r.Annotations)
        {
            o.WriteLine($"  {key}: {value}");
        }
    }

    private static string Num(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Times(int count) => count > 1 ? $" (x{count})" : "";

    private static string Code(int? code) => code switch
    {
        0 => "no answer",
        403 => "Forbidden (403)",
        404 => "NotFound (404)",
        503 => "ServiceUnavailable (503)",
        { } c => $"HTTP {c}",
        null => "not read",
    };
}
