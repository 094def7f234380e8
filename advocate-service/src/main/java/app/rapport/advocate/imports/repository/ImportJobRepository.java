package app.rapport.advocate.imports.repository;

import app.rapport.advocate.imports.domain.ImportJob;
import app.rapport.advocate.imports.domain.ImportStatus;
import app.rapport.advocate.imports.domain.RejectedRow;
import app.rapport.messaging.ServiceDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** The {@code imports} collection: one document per CSV import job, its progress and rejected rows. */
@ApplicationScoped
public class ImportJobRepository {
    public static final String COLLECTION = "imports";

    @Inject
    ServiceDatabase db;

    public MongoCollection<Document> collection() {
        return db.collection(COLLECTION);
    }

    /** Serves the sweep's "RUNNING and silent since" query ({@link #findStale}). */
    void onStart(@Observes StartupEvent event) {
        collection().createIndex(Indexes.ascending("status", "heartbeatAt"), new IndexOptions().name("by_status_heartbeat"));
    }

    public void insert(ImportJob job) {
        collection().insertOne(new Document("_id", job.id())
                .append("status", job.status().name())
                .append("total", job.total())
                .append("processed", job.processed())
                .append("created", job.created())
                .append("updated", job.updated())
                .append("unchanged", job.unchanged())
                .append("rejectedCount", job.rejectedCount())
                .append("rejected", List.of())
                .append("createdBy", job.createdBy())
                .append("createdAt", Date.from(job.createdAt()))
                .append("heartbeatAt", Date.from(job.heartbeatAt())));
    }

    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first()).map(ImportJobRepository::from);
    }

    public void setTotal(String id, long total, Instant now) {
        collection().updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("total", total),
                Updates.set("heartbeatAt", Date.from(now))));
    }

    /** Persists the counters and appends newly rejected rows (the caller keeps within the cap). */
    public void progress(String id, Counters c, List<RejectedRow> newlyRejected, Instant now) {
        List<Bson> u = new ArrayList<>(counters(c));
        u.add(Updates.set("heartbeatAt", Date.from(now)));
        if (!newlyRejected.isEmpty()) {
            u.add(Updates.pushEach("rejected", newlyRejected.stream()
                    .map(r -> new Document("line", r.line()).append("error", r.error())).toList()));
        }
        collection().updateOne(Filters.eq("_id", id), Updates.combine(u));
    }

    /** Ends a job that is still RUNNING (a job already marked FAILED by the sweeper stays so). */
    public void finish(String id, ImportStatus status, String error, Instant now) {
        List<Bson> u = new ArrayList<>();
        u.add(Updates.set("status", status.name()));
        u.add(Updates.set("finishedAt", Date.from(now)));
        u.add(Updates.set("heartbeatAt", Date.from(now)));
        if (error != null) {
            u.add(Updates.set("error", error));
        }
        collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", ImportStatus.RUNNING.name())),
                Updates.combine(u));
    }

    /** Marks the given RUNNING jobs alive now. */
    public void heartbeat(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        collection().updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", ImportStatus.RUNNING.name())),
                Updates.set("heartbeatAt", Date.from(now)));
    }

    /** RUNNING jobs with no sign of life since {@code cutoff}. */
    public List<ImportJob> findStale(Instant cutoff) {
        List<ImportJob> jobs = new ArrayList<>();
        collection().find(Filters.and(Filters.eq("status", ImportStatus.RUNNING.name()),
                Filters.lt("heartbeatAt", Date.from(cutoff)))).forEach(d -> jobs.add(from(d)));
        return jobs;
    }

    /** Fails a job only if it is still RUNNING and still silent since {@code cutoff}. */
    public boolean failIfStale(String id, Instant cutoff, String error, Instant now) {
        return collection().updateOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq("status", ImportStatus.RUNNING.name()),
                        Filters.lt("heartbeatAt", Date.from(cutoff))),
                Updates.combine(Updates.set("status", ImportStatus.FAILED.name()), Updates.set("error", error),
                        Updates.set("finishedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    public record Counters(long processed, long created, long updated, long unchanged, long rejectedCount) {
    }

    private static List<Bson> counters(Counters c) {
        return List.of(Updates.set("processed", c.processed()), Updates.set("created", c.created()),
                Updates.set("updated", c.updated()), Updates.set("unchanged", c.unchanged()),
                Updates.set("rejectedCount", c.rejectedCount()));
    }

    static ImportJob from(Document d) {
        List<RejectedRow> rejected = new ArrayList<>();
        List<Document> rs = d.getList("rejected", Document.class);
        if (rs != null) {
            for (Document r : rs) {
                rejected.add(new RejectedRow(r.get("line", Number.class).longValue(), r.getString("error")));
            }
        }
        Number total = d.get("total", Number.class);
        return new ImportJob(d.getString("_id"), ImportStatus.valueOf(d.getString("status")),
                total == null ? null : total.longValue(), num(d, "processed"), num(d, "created"), num(d, "updated"),
                num(d, "unchanged"), num(d, "rejectedCount"), rejected, d.getString("error"),
                d.getString("createdBy"), instant(d, "createdAt"), instant(d, "heartbeatAt"),
                instant(d, "finishedAt"));
    }

    private static long num(Document d, String key) {
        Number n = d.get(key, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static Instant instant(Document d, String key) {
        Date date = d.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
