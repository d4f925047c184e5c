using Autoscale.LoadTest.Replicas;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The SLO-feasible bound: per bin, the smallest fleet that — with instant starts, perfect foresight, the actual
/// arrivals and the simulator's router — meets the per-request SLO for <see cref="SloOptions.Target"/> of that
/// bin's servable arrivals. <see cref="Attainment"/> is what that fleet, run through the whole trace, actually gets.
/// </summary>
/// <remarks>
/// Forward per-bin bisection from carried state: the fleet chosen for bins 0..m−1 is simulated once (the committed
/// run); each candidate size for bin m runs on a clone of its engines (<see cref="IReplicaEngine.Clone"/>), so a
/// candidate costs about two bins of simulation instead of a replay from t = 0 (which would make the whole bound
/// quadratic in the trace length). A candidate routes bin m's arrivals and, at the same size, bin m+1's (whose load
/// slows bin m's long decodes), then drains, and scores bin m's requests. Sizes are searched by doubling from the
/// previous bin's fleet, then bisection (attainment is taken as monotone in the fleet). A bin whose requests cannot
/// reach the target even with an idle replica for each (a TPOT limit below a long context's own decode speed) gets
/// the smallest fleet that reaches the best attainment possible. The fleet never drops below one replica.
/// </remarks>
internal sealed record FeasibleBound(double BinSeconds, IReadOnlyList<int> ReplicasPerBin, double Attainment)
{
    private const double DrainLimitSeconds = 3600;

    /// <summary>Replica-hours (one replica per node); GPU-hours are these times the profile's GPUs per replica.</summary>
    public double ReplicaHours => ReplicasPerBin.Sum() * BinSeconds / 3600;

    public static FeasibleBound Compute(Trace trace, Func<IReplicaEngine> engineFactory, RequestSlo slo, double binSeconds = 60) =>
        new Search(trace, engineFactory, slo, binSeconds).Run();

    private sealed class Search
    {
        private readonly Trace _trace;
        private readonly RequestSlo _slo;
        private readonly double _binSeconds;
        private readonly List<TraceRequest>[] _bins;
        private readonly double[] _firstToken;
        private readonly double[] _finished;
        private readonly int[] _stamp;
        private readonly BoundFleet _committed;
        private int _evaluation;

        public Search(Trace trace, Func<IReplicaEngine> engineFactory, RequestSlo slo, double binSeconds)
        {
            _trace = trace;
            _slo = slo;
            _binSeconds = binSeconds;
            _bins = new List<TraceRequest>[WorkBound.Bins(trace, binSeconds)];
            for (var i = 0; i < _bins.Length; i++)
            {
                _bins[i] = [];
            }

            foreach (var request in trace.Requests)
            {
                if (slo.IsServable(request))
                {
                    _bins[Math.Min(_bins.Length - 1, (int)(request.ArrivalSeconds / binSeconds))].Add(request);
                }
            }

            _firstToken = new double[trace.Requests.Count];
            _finished = new double[trace.Requests.Count];
            _stamp = new int[trace.Requests.Count];
            _committed = new BoundFleet(engineFactory);
            _committed.Resize(1);
        }

        public FeasibleBound Run()
        {
            var fleet = new int[_bins.Length];
            var committedFirst = new double[_firstToken.Length];
            var committedFinished = new double[_finished.Length];
            Array.Fill(committedFinished, double.NaN);
            void Record(FinishedRequest done) => (committedFirst[done.Id], committedFinished[done.Id]) = (done.FirstTokenAtSeconds, done.FinishedAtSeconds);

            for (var bin = 0; bin < _bins.Length; bin++)
            {
                fleet[bin] = Smallest(bin, bin == 0 ? 1 : fleet[bin - 1]);
                _committed.Resize(fleet[bin]);
                foreach (var request in _bins[bin])
                {
                    _committed.AdvanceTo(request.ArrivalSeconds, Record);
                    _committed.Route(request);
                }
            }

            var end = _trace.DurationSeconds;
            for (var t = end; !_committed.Idle && t < end + DrainLimitSeconds; t += 10)
            {
                _committed.AdvanceTo(t + 10, Record);
            }

            var (servable, met) = (0, 0);
            foreach (var request in _bins.SelectMany(b => b))
            {
                servable++;
                met += Meets(request, committedFirst[request.Id], committedFinished[request.Id]) ? 1 : 0;
            }

            return new FeasibleBound(_binSeconds, fleet, servable == 0 ? 1 : (double)met / servable);
        }

        /// <summary>The smallest fleet for <paramref name="bin"/>: doubling from the previous bin's fleet, then bisection.</summary>
        private int Smallest(int bin, int previous)
        {
            var requests = _bins[bin];
            if (requests.Count == 0)
            {
                return 1;
            }

            var tried = new Dictionary<int, int>();
            int Met(int replicas)
            {
                if (!tried.TryGetValue(replicas, out var met))
                {
                    met = Evaluate(bin, replicas);
                    tried[replicas] = met;
                }

                return met;
            }

            // Every request of this bin and the next on an idle replica of its own: the most any fleet can do.
            var cap = previous + requests.Count + (bin + 1 < _bins.Length ? _bins[bin + 1].Count : 0);
            var needed = (int)Math.Ceiling((_slo.Options.Target * requests.Count) - 1e-9);
            if (Met(previous) < needed)
            {
                var (low, high, step) = (previous, previous, Math.Max(1, previous));
                while (true)
                {
                    high = Math.Min(cap, high + step);
                    if (Met(high) >= needed)
                    {
                        break;
                    }

                    if (high == cap)
                    {
                        needed = Met(cap);
                        break;
                    }

                    low = high;
                    step *= 2;
                }

                return Bisect(Met(low) >= needed ? 0 : low, high, needed, Met);
            }

            return Bisect(0, previous, needed, Met);
        }

        /// <summary>Smallest size in (low, high] meeting <paramref name="needed"/>, given high does and low does not.</summary>
        private static int Bisect(int low, int high, int needed, Func<int, int> met)
        {
            while (high - low > 1)
            {
                var mid = low + ((high - low) / 2);
                if (met(mid) >= needed)
                {
                    high = mid;
                }
                else
                {
                    low = mid;
                }
            }

            return Math.Max(1, high);
        }

        /// <summary>How many of <paramref name="bin"/>'s requests meet the SLO when the fleet holds <paramref name="replicas"/> through it and the next bin.</summary>
        private int Evaluate(int bin, int replicas)
        {
            var requests = _bins[bin];
            var evaluation = ++_evaluation;
            foreach (var request in requests)
            {
                _finished[request.Id] = double.NaN;
                _stamp[request.Id] = evaluation;
            }

            var fleet = _committed.Clone();
            fleet.Resize(replicas);
            var pending = requests.Count;
            var (first, finished, stamp) = (_firstToken, _finished, _stamp);
            void Record(FinishedRequest done)
            {
                (first[done.Id], finished[done.Id]) = (done.FirstTokenAtSeconds, done.FinishedAtSeconds);
                pending -= stamp[done.Id] == evaluation ? 1 : 0;
            }

            var next = bin + 1 < _bins.Length ? _bins[bin + 1] : [];
            foreach (var request in requests.Concat(next))
            {
                if (pending == 0)
                {
                    break;
                }

                fleet.AdvanceTo(request.ArrivalSeconds, Record);
                fleet.Route(request);
            }

            var end = (bin + 2) * _binSeconds;
            for (var t = end; pending > 0 && t < end + DrainLimitSeconds; t += 10)
            {
                fleet.AdvanceTo(t, Record);
            }

            var met = 0;
            foreach (var request in requests)
            {
                met += Meets(request, first[request.Id], finished[request.Id]) ? 1 : 0;
            }

            return met;
        }

        private bool Meets(TraceRequest request, double firstToken, double finished) =>
            !double.IsNaN(finished)
            && _slo.MeetsTtft(request, firstToken - request.ArrivalSeconds)
            && _slo.MeetsTpot(request, finished - firstToken);
    }
}
