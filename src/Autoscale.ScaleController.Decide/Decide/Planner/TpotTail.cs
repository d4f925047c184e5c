namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The share of requests whose own TPOT misses the limit when a fleet of N replicas serves Λ requests a second behind
/// a least-in-flight router: the tail that <see cref="ReplicaCapacity"/>'s mean-value model does not see
/// (docs/design/planner-fleet-tpot.md). With chunked prefill, a prompt that lands on a replica rides its prefill in the
/// steps of everything decoding there; a short answer has few steps to spread that over, so one long prompt during its
/// decode misses a 0.1-s TPOT on an A10G at any mean load.
/// <para>
/// A request decoding O tokens has k = O − 1 steps of s seconds after its first token. From its first token the
/// replica is busy for k·s plus the prefill still to do (prompts that landed during the request's own prefill), and
/// every prompt that lands before that busy period ends extends it by its prefill time; the request misses when the
/// period outlasts k·limit. Prompts land on a busy replica only when no replica is idle: requests in flight are close
/// to Poisson with mean A = Λ·E[duration] (M/G/∞), so the others are all busy with probability P(Poisson(A) ≥ N − 1);
/// and the router then takes turns, so a replica gets about every N-th of those arrivals: gaps with coefficient of
/// variation 1/√N (Poisson for one replica, nearly regular for a large fleet). Prompt and output lengths are
/// log-normal with the shape's means and spreads (equal-probability points); the busy periods are sampled with common
/// random numbers (a fixed stream per point), so the share is a deterministic, smooth function of Λ and N.
/// </para>
/// <para>
/// Measured against <c>EmulatedFleet</c> on four length mixes × A10G and H100 × N = 1 … 16 (table in
/// docs/design/planner-fleet-tpot.md): 0.41 to 1.17 times the emulated fleet's 99 % rate, median 0.83; conservative
/// for large fleets, whose router steers around a prefilling replica better than taking turns does, and for a lone
/// replica on prompts longer than its prefill budget.
/// </para>
/// </summary>
internal sealed class TpotTail
{
    /// <summary>Points per length distribution.</summary>
    private const int Points = 32;

    /// <summary>Sampled busy periods per output-length point.</summary>
    private const int SamplesPerPoint = 128;

    /// <summary>Above this many prompts expected in a window their sum is taken as normal instead of sampled.</summary>
    private const double ManyPrompts = 12;

    /// <summary>Draws one sample may take; a busy period that long has long missed.</summary>
    private const int MaxDraws = 4096;

    private readonly ReplicaServiceProfile _profile;
    private readonly DemandShape _shape;
    private readonly double _correction;
    private readonly double _limit;
    private readonly double[] _work;
    private readonly int[] _steps;

    public TpotTail(ReplicaServiceProfile profile, DemandShape shape, double correction, double tpotLimitSeconds)
    {
        _profile = profile;
        _shape = shape;
        _correction = correction;
        _limit = tpotLimitSeconds;
        _work = [.. LogNormalPoints(shape.MeanPromptTokens, shape.PromptCv).Select(t => profile.PrefillSeconds(Math.Max(1, t)))];
        _steps = [.. LogNormalPoints(shape.MeanOutputTokens, shape.OutputCv).Select(o => (int)Math.Round(o) - 1)];
    }

    /// <summary>The share of requests missing the TPOT limit at <paramref name="fleetRate"/> over <paramref name="replicas"/>.</summary>
    public double MissShare(double fleetRate, int replicas)
    {
        if (fleetRate <= 0)
        {
            return 0;
        }

        var n = Math.Max(1, replicas);
        var perReplica = fleetRate / n;
        if (ReplicaCapacity.LoadAt(_profile, _shape, _correction, perReplica) is not { } load)
        {
            return 1;
        }

        var (prefill, step) = (load.PrefillSeconds, load.StepSeconds);

        var inFlight = fleetRate * (prefill + (_shape.MeanOutputTokens * step / (1 - load.PrefillShare)));
        var landing = perReplica * PoissonAtLeast(inFlight, n - 1);
        if (landing <= 0)
        {
            return 0;
        }

        var spread = 1 / Math.Sqrt(n);
        var workMean = _work.Average();
        var workSquare = _work.Average(w => w * w);
        var miss = 0.0;
        for (var point = 0; point < _steps.Length; point++)
        {
            var k = _steps[point];
            if (k < 1)
            {
                continue; // one token: no TPOT
            }

            var slack = k * (_limit - step);
            if (slack <= 0)
            {
                miss += 1.0 / Points;
                continue;
            }

            var decode = k * step;
            var horizon = decode + slack;

            // The prefill landing over the whole window, by its first two moments: a renewal count has variance about
            // count × cv², the work adds its own spread. Six deviations below the slack: no miss to sample. Many
            // prompts: the sum is close to normal and the busy period outlasts the window about when the sum does.
            // (With 128 samples a point, 12 prompts and 6 deviations a simulated day of the planner costs ~4 s of CPU
            // more than without the tail, against ~30 s at 256, 30 and 8; the fleet capacities moved by ≤ 5 %.)
            var count = landing * (prefill + horizon);
            var mean = count * workMean;
            var sd = Math.Sqrt((count * (workSquare - (workMean * workMean))) + (count * spread * spread * workMean * workMean));
            if (mean + (6 * sd) < slack)
            {
                continue;
            }

            if (count > ManyPrompts)
            {
                miss += StandardNormal.UpperTail((slack - mean) / sd) / Points;
                continue;
            }

            var missed = 0;
            for (var sample = 0; sample < SamplesPerPoint; sample++)
            {
                var stream = ((ulong)point << 32) | (uint)sample;
                // The first landing after the request arrived: a stationary renewal's forward gap (mean (1 + cv²)/2).
                var at = -prefill + (Uniform(stream, 0) * Gap(stream, 1, n, spread) * (1 + (spread * spread)) / landing);
                var pending = 0.0;
                var draw = 2;
                while (at < 0 && draw < MaxDraws)
                {
                    pending += Work(stream, draw++);
                    at += Gap(stream, draw++, n, spread) / landing;
                }

                var end = decode + pending;
                while (end <= horizon && at < end && draw < MaxDraws)
                {
                    end += Work(stream, draw++);
                    at += Gap(stream, draw++, n, spread) / landing;
                }

                if (end > horizon)
                {
                    missed++;
                }
            }

            miss += missed / (double)SamplesPerPoint / Points;
        }

        return Math.Min(1, miss);
    }

    /// <summary>P(Poisson(mean) ≥ n), summed in log space so that a large mean does not underflow.</summary>
    internal static double PoissonAtLeast(double mean, int n)
    {
        if (n <= 0)
        {
            return 1;
        }

        if (!(mean > 0))
        {
            return 0;
        }

        double logPmf = -mean, below = 0, logMean = Math.Log(mean);
        for (var k = 0; k < n; k++)
        {
            if (k > 0)
            {
                logPmf += logMean - Math.Log(k);
            }

            below += Math.Exp(logPmf);
        }

        return Math.Clamp(1 - below, 0, 1);
    }

    private double Work(ulong stream, int draw) => _work[(int)(Uniform(stream, draw) * _work.Length)];

    // A gap of a renewal with mean 1 and coefficient of variation 1/√n: exponential for n = 1, else Gamma(n)/n by the
    // Wilson–Hilferty cube of a normal draw.
    private static double Gap(ulong stream, int draw, int n, double spread)
    {
        var u = Uniform(stream, draw);
        if (n == 1)
        {
            return -Math.Log(1 - u);
        }

        var z = StandardNormal.Quantile(Math.Clamp(u, 1e-12, 1 - 1e-12));
        var cube = 1 - (1.0 / (9 * n)) + (z * spread / 3);
        return Math.Max(0, cube * cube * cube);
    }

    // A uniform in [0, 1) from (stream, draw) by SplitMix64 finalisation: common random numbers at every rate and fleet
    // size, so the share moves smoothly with both and a bisection over them is well defined.
    private static double Uniform(ulong stream, int draw)
    {
        var x = (stream * 0x9E3779B97F4A7C15UL) + ((ulong)draw * 0xBF58476D1CE4E5B9UL) + 0x94D049BB133111EBUL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    // The mid-points of equal-probability bins of a log-normal with this mean and coefficient of variation.
    private static double[] LogNormalPoints(double mean, double cv)
    {
        var points = new double[Points];
        if (cv <= 0)
        {
            Array.Fill(points, mean);
            return points;
        }

        var sigma2 = Math.Log(1 + (cv * cv));
        var mu = Math.Log(mean) - (sigma2 / 2);
        var sigma = Math.Sqrt(sigma2);
        for (var i = 0; i < Points; i++)
        {
            points[i] = Math.Exp(mu + (sigma * StandardNormal.Quantile((i + 0.5) / Points)));
        }

        return points;
    }
}
