package app.rapport.bench.system;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Open-loop, constant-rate load. Request i is <em>intended</em> at {@code start + i / rate}; it is
 * sent then (asynchronously, so a slow answer never delays the next send) and its latency is
 * measured from that intended time, not from when it actually left. So when the system stalls,
 * the requests that should have gone out meanwhile are charged the wait they would have seen:
 * latency corrected for coordinated omission (Gil Tene's definition). A cap on requests in flight
 * (the connection pool) bounds the client; a request waiting for a slot is still timed from its
 * intended send time. Latencies go into an HdrHistogram (microseconds, 3 significant digits).
 */
public final class OpenLoop {

    /** What one step saw. */
    public static final class Result {
        public final double intendedRate;
        public final double seconds;
        public final Histogram latency = new ConcurrentHistogram(120_000_000L, 3); // µs from the intended send
        public final Histogram serviceTime = new ConcurrentHistogram(120_000_000L, 3); // µs from the actual send
        public final LongAdder sent = new LongAdder();
        public final LongAdder ok = new LongAdder();
        public final LongAdder errors = new LongAdder();
        public final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        public final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        public final AtomicLong maxLagMicros = new AtomicLong(); // how late the generator itself sent
        public volatile String firstError;
        public double wallSeconds;

        Result(double rate, double seconds) {
            this.intendedRate = rate;
            this.seconds = seconds;
        }

        public void outcome(String name) {
            outcomes.computeIfAbsent(name, k -> new LongAdder()).increment();
        }

        public double achievedRate() {
            return wallSeconds > 0 ? ok.sum() / wallSeconds : 0;
        }

        public double ms(double percentile) {
            Histogram h = latency.copy(); // safe while a late answer is still being recorded
            return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** Decides whether an answer is a success, and may note an outcome (e.g. routed / blocked). */
    public interface Check {
        boolean accept(Http.Resp resp, Result into);
    }

    private final Http http;
    private final int maxInFlight;

    public OpenLoop(Http http, int maxInFlight) {
        this.http = http;
        this.maxInFlight = maxInFlight;
    }

    public Result run(double rate, double seconds, LongFunction<Http.Req> requests, Check check) {
        return run(rate, seconds, requests, check, new AtomicBoolean(false));
    }

    /** Runs for {@code seconds} (or until {@code stop}), then waits for the answers still in flight (bounded by the client timeout). */
    public Result run(double rate, double seconds, LongFunction<Http.Req> requests, Check check, AtomicBoolean stop) {
        Result res = new Result(rate, seconds);
        Semaphore slots = new Semaphore(maxInFlight);
        AtomicBoolean closed = new AtomicBoolean();
        long interval = (long) (1e9 / rate);
        long n = (long) Math.ceil(rate * seconds);
        long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < n && !stop.get(); i++) {
            long intended = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(Math.min(intended - now, 1_000_000));
            }
            Http.Req req;
            try {
                req = requests.apply(i);
            } catch (RuntimeException e) {
                res.errors.increment();
                res.firstError = res.firstError == null ? "building request: " + e : res.firstError;
                continue;
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long sentAt = System.nanoTime();
            long lag = (sentAt - intended) / 1000;
            res.maxLagMicros.accumulateAndGet(lag, Math::max);
            res.sent.increment();
            http.async(req).whenComplete((resp, err) -> {
                try {
                    complete(res, req, resp, err, intended, sentAt, check, closed);
                } finally {
                    slots.release(); // after recording: the end-of-step wait must see every answer recorded
                }
            });
        }
        long sendEnd = System.nanoTime();
        // the answers still in flight: at most the client timeout (each request has it)
        try {
            if (!slots.tryAcquire(maxInFlight, http.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                res.firstError = res.firstError == null ? "answers still missing after the client timeout" : res.firstError;
                res.errors.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.set(true); // an answer arriving later is not recorded (the histograms are being read)
        res.wallSeconds = Math.max((sendEnd - start) / 1e9, 1e-3);
        return res;
    }

    private static void complete(Result res, Http.Req req, Http.Resp resp, Throwable err, long intended, long sentAt,
                                 Check check, AtomicBoolean closed) {
        long end = System.nanoTime();
        if (closed.get()) {
            return;
        }
        res.latency.recordValue(Math.min((end - intended) / 1000, 119_000_000L));
        res.serviceTime.recordValue(Math.min((end - sentAt) / 1000, 119_000_000L));
        if (err != null) {
            res.errors.increment();
            res.statuses.computeIfAbsent("io-error", k -> new LongAdder()).increment();
            if (res.firstError == null) {
                res.firstError = req.method() + " " + req.url() + ": " + err;
            }
            return;
        }
        res.statuses.computeIfAbsent(String.valueOf(resp.status()), k -> new LongAdder()).increment();
        boolean good;
        try {
            good = check.accept(resp, res);
        } catch (RuntimeException e) {
            good = false;
        }
        if (good) {
            res.ok.increment();
        } else {
            res.errors.increment();
            if (res.firstError == null) {
                String b = resp.body() == null ? "" : resp.body();
                res.firstError = req.method() + " " + req.url() + " -> " + resp.status() + " "
                        + (b.length() > 300 ? b.substring(0, 300) : b);
            }
        }
    }
}
