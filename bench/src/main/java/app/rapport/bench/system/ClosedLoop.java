package app.rapport.bench.system;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Closed-loop saturation, the way {@code wrk -c N} measures: N connections, each sending its next
 * request as soon as the last one is answered, for a fixed time. What it gives is the most the
 * system answers per second at that concurrency, and the latency while it does; issue 10's
 * gateway-overhead figures were taken this way (16 connections), so its ratio is measured the same way.
 */
final class ClosedLoop {
    private ClosedLoop() {
    }

    /** One run: {@code connections} clients for {@code seconds}; answers other than {@code okStatus} are errors. */
    static Map<String, Object> run(Http http, int connections, double seconds, Supplier<Http.Req> request, int okStatus)
            throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(120_000_000L, 3);
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        String[] firstError = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "bench-closed-loop");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    Http.Resp r = http.call(request.get());
                    long t1 = System.nanoTime();
                    if (t1 > end) {
                        return; // answered after the window: not counted, as wrk does not
                    }
                    latency.recordValue(Math.min((t1 - t0) / 1000, 119_000_000L));
                    if (r.is(okStatus)) {
                        ok.increment();
                    } else {
                        errors.increment();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = r.status() + " " + (r.body() == null ? "" : r.body().length() > 200
                                        ? r.body().substring(0, 200) : r.body());
                            }
                        }
                    }
                }
            }));
        }
        for (Future<?> f : clients) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                errors.increment();
                firstError[0] = firstError[0] == null ? e.getCause().toString() : firstError[0];
            }
        }
        pool.shutdownNow();
        double wall = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", connections);
        m.put("seconds", SystemBench.round1(wall));
        m.put("ok", ok.sum());
        m.put("errors", errors.sum());
        m.put("requestsPerSecond", SystemBench.round1(ok.sum() / wall));
        Histogram h = latency.copy();
        Map<String, Double> l = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99}) {
            l.put("p" + (int) p, h.getTotalCount() == 0 ? 0 : SystemBench.round1(h.getValueAtPercentile(p) / 1000.0));
        }
        l.put("max", SystemBench.round1(h.getMaxValue() / 1000.0));
        m.put("latencyMs", l);
        if (firstError[0] != null) {
            m.put("firstError", firstError[0]);
        }
        return m;
    }

    /** The median of a non-empty list (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
