package app.rapport.advocate.imports.service;

import app.rapport.advocate.domain.Violation;
import app.rapport.advocate.imports.domain.ImportJob;
import app.rapport.advocate.imports.domain.ImportStatus;
import app.rapport.advocate.imports.domain.RejectedRow;
import app.rapport.advocate.imports.mapping.CsvRecordReader;
import app.rapport.advocate.imports.mapping.ImportColumns;
import app.rapport.advocate.imports.mapping.ImportRow;
import app.rapport.advocate.imports.repository.ImportJobRepository;
import app.rapport.advocate.service.AdvocateService;
import app.rapport.web.ApiException;
import app.rapport.web.FieldError;
import app.rapport.web.Problem;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CSV imports. The request only spools the body to a temporary file (never holding it in memory) and
 * checks the header; a background worker then streams the file in batches of {@code batch-size} rows
 * through {@link ImportRowApplier#applyBatch} (two indexed reads and two bulk writes per batch),
 * saving progress after each batch.
 *
 * <p>A job never hangs in RUNNING: this instance refreshes the heartbeat of the jobs it holds; a
 * sweep (at start-up and every {@code sweep-interval}) fails RUNNING jobs whose heartbeat is older
 * than {@code stale-after}, since whoever ran them is gone. They keep their progress, and importing
 * the same file again finishes the work (rows already imported come out unchanged).
 */
@ApplicationScoped
public class ImportService {
    private static final Logger LOG = Logger.getLogger(ImportService.class);

    @Inject
    ImportJobRepository jobs;

    @Inject
    ImportRowApplier applier;

    @Inject
    AdvocateService advocates;

    @ConfigProperty(name = "rapport.imports.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "rapport.imports.stale-after", defaultValue = "30s")
    Duration staleAfter;

    @ConfigProperty(name = "rapport.imports.max-bytes", defaultValue = "268435456")
    long maxBytes;

    @ConfigProperty(name = "rapport.imports.workers", defaultValue = "1")
    int workers;

    @ConfigProperty(name = "rapport.imports.spool-dir")
    java.util.Optional<String> spoolDir;

    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private ExecutorService executor;
    private volatile boolean stopping;

    void onStart(@Observes StartupEvent event) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "advocate-import-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        sweep();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String id : live) {
            failQuietly(id, "The service stopped while this import was running. Rows processed so far are kept; "
                    + "import the same file again to finish (rows already imported will come out unchanged).");
        }
    }

    /**
     * Spools the CSV, checks its header and queues the job.
     *
     * @throws ApiException 400 for an empty body or a bad header, 413 for a body over the limit
     */
    public ImportJob start(InputStream body, Charset charset, String by) {
        Path file = spool(body);
        boolean queued = false;
        try {
            ImportColumns columns = header(file, charset);
            Instant now = advocates.now();
            ImportJob job = new ImportJob("imp-" + UUID.randomUUID(), ImportStatus.RUNNING, null, 0, 0, 0, 0, 0,
                    List.of(), null, by, now, now, null);
            jobs.insert(job);
            live.add(job.id());
            executor.execute(() -> run(job.id(), file, charset, columns));
            queued = true;
            return job;
        } finally {
            if (!queued) {
                delete(file);
            }
        }
    }

    /** Jobs this instance is running or has queued. */
    public long liveJobs() {
        return live.size();
    }

    public ImportJob get(String id) {
        return jobs.find(id).orElseThrow(() -> ApiException.notFound("No import with id " + id));
    }

    /** Heartbeats this instance's jobs, then fails RUNNING jobs nobody has heartbeated for too long. */
    @Scheduled(every = "${rapport.imports.sweep-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        Instant now = advocates.now();
        try {
            jobs.heartbeat(Set.copyOf(live), now);
            Instant cutoff = now.minus(staleAfter);
            for (ImportJob job : jobs.findStale(cutoff)) {
                if (live.contains(job.id())) {
                    continue;
                }
                String error = "Interrupted: the import stopped making progress (last sign of life "
                        + job.heartbeatAt() + ", after " + job.processed() + " of "
                        + (job.total() == null ? "?" : job.total()) + " rows) because the service running it "
                        + "stopped. Rows processed so far are kept; import the same file again to finish (rows "
                        + "already imported will come out unchanged).";
                if (jobs.failIfStale(job.id(), cutoff, error, now)) {
                    LOG.warnf("import %s marked FAILED: no heartbeat since %s", job.id(), job.heartbeatAt());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("import sweep failed, will retry: %s", e.toString());
        }
    }

    // ---- the worker ------------------------------------------------------------------------------------

    private void run(String jobId, Path file, Charset charset, ImportColumns columns) {
        Progress progress = new Progress(jobId);
        ImportRowApplier.JobMemo memo = new ImportRowApplier.JobMemo();
        try {
            jobs.setTotal(jobId, count(file, charset), advocates.now());
            String by = "import:" + jobId;
            try (CsvRecordReader reader = reader(file, charset)) {
                reader.next(); // the header, checked already
                List<Entry> batch = new ArrayList<>(batchSize);
                CsvRecordReader.Record record;
                while ((record = reader.next()) != null) {
                    if (Thread.currentThread().isInterrupted() || stopping) {
                        throw new InterruptedException();
                    }
                    batch.add(entry(record, columns));
                    if (batch.size() >= batchSize) {
                        applyBatch(batch, by, progress, memo);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    applyBatch(batch, by, progress, memo);
                }
            }
            progress.maybeFlush(true);
            jobs.finish(jobId, ImportStatus.DONE, null, advocates.now());
            LOG.infof("import %s done: %d rows, %d created, %d updated, %d unchanged, %d rejected", jobId,
                    progress.processed, progress.created, progress.updated, progress.unchanged, progress.rejectedCount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flushQuietly(progress);
            failQuietly(jobId, "The service stopped while this import was running, after " + progress.processed
                    + " rows. Rows processed so far are kept; import the same file again to finish (rows already "
                    + "imported will come out unchanged).");
        } catch (Throwable t) {
            LOG.errorf("import %s failed after %d rows: %s", jobId, progress.processed, t.toString());
            flushQuietly(progress);
            failQuietly(jobId, "The import stopped after " + progress.processed + " rows because of an internal error ("
                    + t.getClass().getSimpleName() + "). Rows processed so far are kept; import the same file again "
                    + "to finish.");
        } finally {
            live.remove(jobId);
            delete(file);
        }
    }

    /** A data row read from the file: an import row, or why the CSV layer already refused it. */
    private record Entry(long line, ImportRow row, String rejected) {
    }

    private static Entry entry(CsvRecordReader.Record record, ImportColumns columns) {
        if (record.error() != null) {
            return new Entry(record.line(), null, "malformed CSV: " + record.error());
        }
        if (record.fields().stream().anyMatch(f -> f.indexOf('\uFFFD') >= 0)) {
            return new Entry(record.line(), null, "holds bytes that are not valid text in the file's encoding (UTF-8 "
                    + "unless the Content-Type names a charset)");
        }
        if (record.fields().size() != columns.width()) {
            return new Entry(record.line(), null, "has " + record.fields().size() + " fields; the header has "
                    + columns.width());
        }
        return new Entry(record.line(), new ImportRow(record.line(), columns.cells(record.fields())), null);
    }

    /**
     * Applies one batch of rows ({@link ImportRowApplier#applyBatch}: a bounded number of round
     * trips whatever its size), then counts them in file order and saves the progress, so a
     * reader of the job sees it move batch by batch.
     */
    private void applyBatch(List<Entry> batch, String by, Progress progress, ImportRowApplier.JobMemo memo) {
        List<ImportRow> rows = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            if (e.row() != null) {
                rows.add(e.row());
            }
        }
        List<ImportRowApplier.RowResult> results = rows.isEmpty() ? List.of() : applier.applyBatch(rows, by, memo);
        int next = 0;
        for (Entry e : batch) {
            progress.processed++;
            if (e.row() == null) {
                progress.reject(e.line(), e.rejected());
                continue;
            }
            ImportRowApplier.RowResult r = results.get(next++);
            if (r.rejected() != null) {
                progress.reject(e.line(), r.rejected());
                continue;
            }
            switch (r.outcome()) {
                case CREATED -> progress.created++;
                case UPDATED -> progress.updated++;
                case UNCHANGED -> progress.unchanged++;
                default -> throw new IllegalStateException();
            }
        }
        progress.maybeFlush(true);
    }

    /** Counters and the rejected rows not yet saved. */
    private final class Progress {
        final String jobId;
        long processed;
        long created;
        long updated;
        long unchanged;
        long rejectedCount;
        final List<RejectedRow> pendingRejected = new ArrayList<>();
        long sinceFlush;
        long lastFlushNanos = System.nanoTime();

        Progress(String jobId) {
            this.jobId = jobId;
        }

        void reject(long line, String error) {
            rejectedCount++;
            if (rejectedCount <= ImportJob.MAX_REJECTED_KEPT) {
                pendingRejected.add(new RejectedRow(line, error));
            }
        }

        void maybeFlush(boolean force) {
            sinceFlush++;
            if (force || sinceFlush >= batchSize || System.nanoTime() - lastFlushNanos > 2_000_000_000L) {
                jobs.progress(jobId, new ImportJobRepository.Counters(processed, created, updated, unchanged,
                        rejectedCount), List.copyOf(pendingRejected), advocates.now());
                pendingRejected.clear();
                sinceFlush = 0;
                lastFlushNanos = System.nanoTime();
            }
        }
    }

    private void flushQuietly(Progress progress) {
        try {
            progress.maybeFlush(true);
        } catch (RuntimeException e) {
            LOG.warnf("could not save the progress of import %s: %s", progress.jobId, e.toString());
        }
    }

    private void failQuietly(String jobId, String error) {
        try {
            jobs.finish(jobId, ImportStatus.FAILED, error, advocates.now());
        } catch (RuntimeException e) {
            LOG.warnf("could not mark import %s FAILED (the sweep will): %s", jobId, e.toString());
        }
    }

    // ---- files -----------------------------------------------------------------------------------------

    private Path spool(InputStream body) {
        Path file;
        try {
            file = spoolDir.isPresent()
                    ? Files.createTempFile(Files.createDirectories(Path.of(spoolDir.get())), "import-", ".csv")
                    : Files.createTempFile("rapport-import-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file for the import", e);
        }
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            if (body != null) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new ApiException(Problem.of(413, "Content Too Large", "The CSV is larger than "
                                + maxBytes + " bytes; split it into several imports"));
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw ApiException.badRequest("The CSV body could not be read: " + e.getMessage());
        }
        if (total == 0) {
            delete(file);
            throw ApiException.badRequest("The CSV is empty; it needs a header row ("
                    + String.join(",", ImportColumns.KNOWN) + ") and data rows",
                    List.of(new FieldError("body", "must not be empty")));
        }
        return file;
    }

    private ImportColumns header(Path file, Charset charset) {
        try (CsvRecordReader reader = reader(file, charset)) {
            CsvRecordReader.Record header = reader.next();
            if (header == null) {
                throw ApiException.badRequest("The CSV has no header row",
                        List.of(new FieldError("header", "is missing")));
            }
            List<Violation> problems = new ArrayList<>();
            if (header.error() != null) {
                problems.add(new Violation("header", "is malformed: " + header.error()));
            }
            ImportColumns columns = ImportColumns.parse(header.fields(), problems);
            if (!problems.isEmpty()) {
                throw ApiException.badRequest("The CSV header is not usable: "
                                + problems.stream().map(Violation::message).reduce((a, b) -> a + "; " + b).orElse(""),
                        problems.stream().map(v -> new FieldError(v.field(), v.message())).toList());
            }
            return columns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Path file, Charset charset) throws IOException {
        long rows = -1; // not the header
        try (CsvRecordReader reader = reader(file, charset)) {
            while (reader.next() != null) {
                rows++;
            }
        }
        return Math.max(rows, 0);
    }

    /** Undecodable bytes become U+FFFD, and the row holding them is rejected rather than the whole job failing. */
    private static CsvRecordReader reader(Path file, Charset charset) throws IOException {
        return new CsvRecordReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                64 * 1024));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", file, e.toString());
        }
    }
}
