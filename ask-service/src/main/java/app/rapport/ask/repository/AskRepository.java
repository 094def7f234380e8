package app.rapport.ask.repository;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.ask.Ask;
import app.rapport.ask.domain.ask.AskDomainEvent;
import app.rapport.ask.domain.ask.EligibilityCheck;
import app.rapport.ask.domain.ask.HistoryEntry;
import app.rapport.ask.domain.ask.Outcome;
import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.Reason;
import app.rapport.ask.domain.eligibility.Severity;
import app.rapport.ask.integrationevents.events.AskEvents;
import app.rapport.ask.mapping.EligibilityMapping;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.messaging.Outbox;
import app.rapport.messaging.OutboxEvent;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The {@code asks} collection: each ask is one document carrying its state, its history and its
 * outbox. {@link #insert} and {@link #update} write an {@link Ask} aggregate: the new state, the new
 * history entries and the events it raised, in one single-document write (conditional on the version
 * it was loaded with).
 */
@ApplicationScoped
public class AskRepository {
    @Inject
    Collections collections;

    public Document find(String id) {
        return collections.asks().find(Filters.eq("_id", id)).projection(Projections.exclude("outbox")).first();
    }

    public Ask load(String id) {
        Document d = find(id);
        return d == null ? null : toAsk(d);
    }

    /** Asks by {@code _id} with the few fields a decision needs (open asks of the ledger). */
    public Map<String, Document> statuses(Collection<String> ids) {
        Map<String, Document> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Document d : collections.asks().find(Filters.in("_id", new ArrayList<>(ids)))
                .projection(Projections.include("status", "activity", "sentDate", "workloadSlot"))) {
            out.put(d.getString("_id"), d);
        }
        return out;
    }

    /** The advocate's asks still in the owner's hands (index advocateId, status, createdAt). */
    public List<Document> ownedBy(String advocateId) {
        return collections.asks().find(Filters.and(Filters.eq("advocateId", advocateId),
                Filters.in("status", AskStatus.OWNED_NAMES))).projection(Projections.exclude("outbox"))
                .into(new ArrayList<>());
    }

    /**
     * Asks AWAITING_OWNER past their dueBy (index status, dueBy) or awaiting since before
     * now − maxDays (index status, awaitingSince): two range queries, one per index.
     */
    public List<Document> dueToExpire(Instant now, int maxDays) {
        String today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).toString();
        Map<String, Document> due = new java.util.LinkedHashMap<>();
        for (Document d : collections.asks().find(Filters.and(Filters.eq("status", AskStatus.AWAITING_OWNER.name()),
                Filters.lt("dueBy", today))).projection(Projections.exclude("outbox"))) {
            due.put(d.getString("_id"), d);
        }
        for (Document d : collections.asks().find(Filters.and(Filters.eq("status", AskStatus.AWAITING_OWNER.name()),
                Filters.lt("awaitingSince", Date.from(now.minus(java.time.Duration.ofDays(maxDays))))))
                .projection(Projections.exclude("outbox"))) {
            due.putIfAbsent(d.getString("_id"), d);
        }
        return new ArrayList<>(due.values());
    }

    /**
     * Inserts a new ask with its events. A duplicate key (a slot taken) surfaces as MongoWriteException.
     *
     * @return the ask as stored, without its outbox (what {@link #find} would read back)
     */
    public Document insert(Ask ask) {
        Document stored = Outbox.withEvents(toDocument(ask), events(ask));
        collections.asks().insertOne(stored);
        Document read = new Document(stored);
        read.remove(OutboxEvent.OUTBOX_FIELD);
        return read;
    }

    /**
     * Writes the changes of a loaded ask, conditional on its loaded status and version.
     *
     * @return false when someone else changed the ask first (nothing written)
     */
    public boolean update(Ask ask) {
        return collections.asks().updateOne(changedFilter(ask), changes(ask)).getMatchedCount() == 1;
    }

    /**
     * {@link #update}, answering with the ask as written (without its outbox) in the same round trip.
     *
     * @return null when someone else changed the ask first (nothing written)
     */
    public Document updateAndGet(Ask ask) {
        return collections.asks().findOneAndUpdate(changedFilter(ask), changes(ask), new FindOneAndUpdateOptions()
                .returnDocument(ReturnDocument.AFTER).projection(Projections.exclude(OutboxEvent.OUTBOX_FIELD)));
    }

    private static Bson changedFilter(Ask ask) {
        return Filters.and(Filters.eq("_id", ask.id()), Filters.eq("status", ask.loadedStatus().name()),
                Filters.eq("version", ask.loadedVersion()));
    }

    private static Bson changes(Ask ask) {
        List<Bson> changes = new ArrayList<>();
        set(changes, "status", ask.status().name());
        set(changes, "ownerId", ask.ownerId());
        set(changes, "updatedAt", date(ask.updatedAt()));
        changes.add(Updates.inc("version", 1));
        setIfPresent(changes, "awaitingSince", date(ask.awaitingSince()));
        setIfPresent(changes, "sentAt", date(ask.sentAt()));
        setIfPresent(changes, "sentDate", ask.sentDate() == null ? null : ask.sentDate().toString());
        setIfPresent(changes, "channel", ask.channel());
        setIfPresent(changes, "overriddenCodes", ask.overriddenCodes());
        setIfPresent(changes, "accepted", ask.accepted());
        setIfPresent(changes, "completedAt", date(ask.completedAt()));
        if (ask.workloadSlot() == null) {
            changes.add(Updates.unset("workloadSlot"));
        } else {
            set(changes, "workloadSlot", ask.workloadSlot());
        }
        if (ask.duplicateSlot() == null) {
            changes.add(Updates.unset("duplicateSlot"));
        } else {
            set(changes, "duplicateSlot", ask.duplicateSlot());
        }
        if (ask.eligibilityChanged()) {
            set(changes, "eligibility", eligibility(ask.eligibility()));
        }
        if (ask.outcomeChanged()) {
            set(changes, "outcome", outcome(ask.outcome()));
        }
        changes.add(Updates.pushEach("history", ask.newHistory().stream().map(AskRepository::history).toList(),
                new PushOptions()));
        changes.add(Outbox.push(events(ask)));
        return Updates.combine(changes);
    }

    private static void set(List<Bson> changes, String field, Object value) {
        changes.add(Updates.set(field, value));
    }

    private static void setIfPresent(List<Bson> changes, String field, Object value) {
        if (value != null) {
            changes.add(Updates.set(field, value));
        }
    }

    static List<OutboxEvent> events(Ask ask) {
        return ask.newEvents().stream().map(AskEvents::of).toList();
    }

    // ---- mapping -------------------------------------------------------------------------------

    public static Document toDocument(Ask a) {
        Document d = new Document("_id", a.id())
                .append("advocateId", a.advocateId())
                .append("accountId", a.accountId())
                .append("requesterId", a.requesterId())
                .append("ownerId", a.ownerId())
                .append("activity", a.activity())
                .append("dueBy", a.dueBy() == null ? null : a.dueBy().toString())
                .append("context", a.context() == null ? null : new Document("opportunity", a.context().opportunity())
                        .append("need", a.context().need()).append("notes", a.context().notes()))
                .append("eligibility", eligibility(a.eligibility()))
                .append("createdAt", date(a.createdAt()))
                .append("updatedAt", date(a.updatedAt()))
                .append("version", a.version())
                .append("status", a.status().name());
        putIfPresent(d, "awaitingSince", date(a.awaitingSince()));
        putIfPresent(d, "workloadSlot", a.workloadSlot());
        putIfPresent(d, "duplicateSlot", a.duplicateSlot());
        putIfPresent(d, "sentAt", date(a.sentAt()));
        putIfPresent(d, "sentDate", a.sentDate() == null ? null : a.sentDate().toString());
        putIfPresent(d, "channel", a.channel());
        putIfPresent(d, "overriddenCodes", a.overriddenCodes());
        putIfPresent(d, "accepted", a.accepted());
        putIfPresent(d, "completedAt", date(a.completedAt()));
        putIfPresent(d, "outcome", outcome(a.outcome()));
        d.append("history", a.history().stream().map(AskRepository::history).toList());
        return d;
    }

    private static void putIfPresent(Document d, String k, Object v) {
        if (v != null) {
            d.append(k, v);
        }
    }

    public static Ask toAsk(Document d) {
        Document c = d.get("context", Document.class);
        List<HistoryEntry> history = d.getList("history", Document.class, List.of()).stream()
                .map(h -> new HistoryEntry(instant(h.getDate("at")), h.getString("by"), h.getString("action"),
                        h.getString("note"))).toList();
        Number version = (Number) d.get("version");
        return Ask.restore(new Ask.State(d.getString("_id"), d.getString("advocateId"), d.getString("accountId"),
                d.getString("requesterId"), d.getString("ownerId"), d.getString("activity"),
                localDate(d.getString("dueBy")),
                c == null ? null : new Ask.Context(c.getString("opportunity"), c.getString("need"), c.getString("notes")),
                AskStatus.valueOf(d.getString("status")), eligibility(d.get("eligibility", Document.class)),
                instant(d.getDate("createdAt")), instant(d.getDate("updatedAt")), instant(d.getDate("awaitingSince")),
                instant(d.getDate("sentAt")), localDate(d.getString("sentDate")), d.getString("channel"),
                d.getList("overriddenCodes", String.class), d.getBoolean("accepted"), instant(d.getDate("completedAt")),
                d.getString("workloadSlot"), d.getString("duplicateSlot"), outcome(d.get("outcome", Document.class)),
                version == null ? 1 : version.longValue(), history));
    }

    /**
     * {@code outcome: {result, amount: "50000.00", currency, closedOn: "2026-11-30", story, recordedBy,
     * recordedAt}}: the amount as a decimal string (exact, never converted), the day as an ISO date string.
     */
    static Document outcome(Outcome o) {
        if (o == null) {
            return null;
        }
        Document d = new Document("result", o.result().name());
        if (o.amount() != null) {
            d.append("amount", o.amount().toPlainString()).append("currency", o.currency());
        }
        d.append("closedOn", o.closedOn().toString());
        if (o.story() != null) {
            d.append("story", o.story());
        }
        return d.append("recordedBy", o.recordedBy()).append("recordedAt", date(o.recordedAt()));
    }

    static Outcome outcome(Document d) {
        if (d == null) {
            return null;
        }
        String amount = d.getString("amount");
        return new Outcome(OutcomeResult.valueOf(d.getString("result")), amount == null ? null : new BigDecimal(amount),
                d.getString("currency"), LocalDate.parse(d.getString("closedOn")), d.getString("story"),
                d.getString("recordedBy"), instant(d.getDate("recordedAt")));
    }

    static Document history(HistoryEntry h) {
        Document d = new Document("at", date(h.at())).append("by", h.by()).append("action", h.action());
        if (h.note() != null) {
            d.append("note", h.note());
        }
        return d;
    }

    static Document eligibility(EligibilityCheck e) {
        return e == null ? null : EligibilityMapping.toDocument(e.decision(), e.checkedAt(), e.asOf());
    }

    /** The stored check, for reading only (the write sets eligibility only when a transition made a new one). */
    static EligibilityCheck eligibility(Document d) {
        if (d == null) {
            return null;
        }
        List<Reason> reasons = new ArrayList<>();
        for (Document r : d.getList("reasons", Document.class, List.of())) {
            reasons.add(new Reason(r.getString("code"), Severity.valueOf(r.getString("severity")),
                    r.getString("message"), localDate(r.getString("until")), Map.of()));
        }
        return new EligibilityCheck(new Decision(d.getBoolean("eligible", false), reasons),
                instant(d.getDate("checkedAt")), instant(d.getDate("asOf")));
    }

    static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    static LocalDate localDate(String s) {
        return s == null ? null : LocalDate.parse(s);
    }
}
