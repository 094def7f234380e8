package app.rapport.ask.repository;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.eligibility.AdvocateView;
import app.rapport.ask.domain.eligibility.Usage;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.advocate.LeavePeriod;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.messaging.Inbox;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's projection of each advocate ({@code advocate_views}), built from advocate-events and
 * touchpoint-events. Never holds email or phone (the events do not carry them) nor touchpoint notes.
 */
@ApplicationScoped
public class AdvocateViewRepository {
    /** Touchpoints kept for the brief, newest last. */
    public static final int RECENT_TOUCHPOINTS = 20;
    /** Manual activity uses kept: far more than any window needs. */
    public static final int MANUAL_USES = 50;

    @Inject
    Collections collections;

    /** The owner the advocate's asks were last moved to (see AdvocateEventsConsumer). */
    public static final String ASKS_OWNER = "asksOwnerId";

    public void markAsksOwner(String advocateId, String ownerId) {
        collections.views().updateOne(Filters.eq("_id", advocateId), Updates.set(ASKS_OWNER, ownerId));
    }

    public Document find(String advocateId) {
        return collections.views().find(Filters.eq("_id", advocateId)).first();
    }

    /** A view has been seen when at least one advocate event was applied to it. */
    public static boolean known(Document d) {
        return d != null && d.get("version") != null;
    }

    /**
     * The view's change for one advocate snapshot, for {@link #applyAll}: applied once per event id,
     * and never over a newer snapshot (the stored version must not be greater).
     */
    public static Inbox.Change snapshotChange(String eventId, AdvocateSnapshot s, Instant eventTime) {
        List<Document> leaves = new ArrayList<>();
        if (s.leaves() != null) {
            for (LeavePeriod l : s.leaves()) {
                if (l != null && l.from() != null && l.to() != null) {
                    leaves.add(new Document("id", l.id()).append("from", l.from().toString())
                            .append("to", l.to().toString()));
                }
            }
        }
        Bson update = Updates.combine(
                Updates.set("advocateId", s.advocateId()),
                Updates.set("name", s.name()),
                Updates.set("title", s.title()),
                Updates.set("accountId", s.account() == null ? null : s.account().id()),
                Updates.set("accountName", s.account() == null ? null : s.account().name()),
                Updates.set("industry", s.account() == null ? null : s.account().industry()),
                Updates.set("region", s.account() == null ? null : s.account().region()),
                Updates.set("segment", s.account() == null ? null : s.account().segment()),
                Updates.set("ownerId", s.ownerId()),
                Updates.set("status", s.status() == null ? null : s.status().name()),
                Updates.set("activities", names(s.activities())),
                Updates.set("tags", s.tags() == null ? List.of() : s.tags()),
                Updates.set("leaves", leaves),
                Updates.set("busyUntil", s.busyUntil() == null ? null : s.busyUntil().toString()),
                Updates.set("maxAsksPerQuarter", s.maxAsksPerQuarter()),
                Updates.set("channels", names(s.channels())),
                setConsents(s.consents()),
                Updates.set("version", s.version()),
                Updates.set("asOf", Date.from(eventTime)),
                Updates.set("updatedAt", new Date()),
                Updates.inc("eventsApplied", 1),
                // a view this snapshot creates has no asks yet (an ask needs the view), so they already
                // follow its owner: an import of new advocates costs no reassignment work per advocate
                Updates.setOnInsert(ASKS_OWNER, s.ownerId()));
        return new Inbox.Change(s.advocateId(), eventId, update, Filters.not(Filters.gt("version", s.version())));
    }

    /** The constants' names, as the view stores them (empty for none). */
    static List<String> names(List<? extends Enum<?>> values) {
        return values == null ? List.of() : values.stream().map(Enum::name).toList();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** The view's change for one touchpoint, for {@link #applyAll}, once per event id. */
    public static Inbox.Change touchpointChange(String eventId, TouchpointRecordedEvent t, Instant eventTime) {
        Instant at = t.occurredAt() != null ? t.occurredAt() : eventTime;
        List<Bson> changes = new ArrayList<>();
        Document recent = new Document("touchpointId", t.touchpointId()).append("type", name(t.type()))
                .append("occurredAt", Date.from(at)).append("channel", name(t.channel())).append("askId", t.askId())
                .append("by", t.byUserId());
        changes.add(Updates.pushEach("recentTouchpoints", List.of(recent),
                new PushOptions().slice(-RECENT_TOUCHPOINTS)));
        if (countsAsUse(t)) {
            Document use = new Document("touchpointId", t.touchpointId())
                    .append("date", LocalDate.ofInstant(at, ZoneOffset.UTC).toString())
                    .append("activity", name(t.activity()));
            changes.add(Updates.pushEach("manualUses", List.of(use),
                    new PushOptions().slice(-MANUAL_USES)));
            changes.add(Updates.max("lastManualUseDate", use.getString("date")));
        }
        if (t.type() != null && t.type().humanTouch()) {
            changes.add(Updates.max("lastHumanContactAt", Date.from(at)));
        }
        if (t.type() == TouchpointType.THANK_YOU && t.askId() != null) {
            changes.add(Updates.addToSet("thankedAskIds", t.askId()));
        }
        changes.add(Updates.max("asOf", Date.from(eventTime)));
        changes.add(Updates.set("updatedAt", new Date()));
        changes.add(Updates.inc("eventsApplied", 1));
        return new Inbox.Change(t.advocateId(), eventId, Updates.combine(changes));
    }

    /**
     * Applies a batch of view changes in one ordered bulk write, each once per event id.
     *
     * @return per change, true when applied now
     */
    public boolean[] applyAll(List<Inbox.Change> changes) {
        return Inbox.applyOnceAll(collections.views(), changes);
    }

    /** The views of these advocates (their id, owner, account and asks-owner mark), by key. */
    public Map<String, Document> ownersAndAccounts(Collection<String> advocateIds) {
        Map<String, Document> out = new HashMap<>();
        for (Document d : collections.views().find(Filters.in("_id", advocateIds))
                .projection(Projections.include("ownerId", "accountId", ASKS_OWNER))) {
            out.put(d.getString("_id"), d);
        }
        return out;
    }

    public static AdvocateView toView(Document d) {
        List<AdvocateView.Leave> leaves = new ArrayList<>();
        for (Document l : d.getList("leaves", Document.class, List.of())) {
            leaves.add(new AdvocateView.Leave(l.getString("id"), LocalDate.parse(l.getString("from")),
                    LocalDate.parse(l.getString("to"))));
        }
        String busy = d.getString("busyUntil");
        Number max = (Number) d.get("maxAsksPerQuarter");
        return new AdvocateView(d.getString("_id"), d.getString("accountId"), d.getString("ownerId"),
                d.getString("status"), d.getList("activities", String.class, List.of()), leaves,
                busy == null ? null : LocalDate.parse(busy), max == null ? null : max.intValue(), consents(d));
    }

    /** The view's field holding {@code consents: {ACTIVITY: "yyyy-MM-dd"}} (the day each opt-in was confirmed). */
    public static final String CONSENTS = "consents";

    static Map<String, LocalDate> consents(Document d) {
        Document c = d.get(CONSENTS, Document.class);
        Map<String, LocalDate> out = new LinkedHashMap<>();
        if (c != null) {
            c.forEach((activity, on) -> {
                if (on instanceof String s && !s.isBlank()) {
                    out.put(activity, LocalDate.parse(s));
                }
            });
        }
        return out;
    }

    /**
     * The update that stores an advocate's consent dates on the view, to combine into
     * {@link #snapshotChange}'s write (the snapshot carries them). Null or empty: the field is removed
     * (an advocate without consent dates is never CONSENT_STALE).
     */
    public static Bson setConsents(Map<Activity, LocalDate> consents) {
        if (consents == null || consents.isEmpty()) {
            return Updates.unset(CONSENTS);
        }
        Document c = new Document();
        consents.forEach((activity, on) -> {
            if (activity != null && on != null) {
                c.append(activity.name(), on.toString());
            }
        });
        return Updates.set(CONSENTS, c);
    }

    /** A THANK_YOU, CHECK_IN or GIFT touchpoint is a give (GIVE_TAKE_BALANCE). */
    public static boolean countsAsGive(TouchpointRecordedEvent t) {
        return t.type() != null && t.type().give();
    }

    /** The ledger entry of a give, dated its occurredAt (UTC); its activity slot holds the touchpoint type. */
    public static Ledger.Entry give(TouchpointRecordedEvent t, Instant eventTime) {
        Instant at = t.occurredAt() != null ? t.occurredAt() : eventTime;
        return new Ledger.Entry("GIVE", t.touchpointId(), t.advocateId(), LocalDate.ofInstant(at, ZoneOffset.UTC),
                t.type().name(), false, at);
    }

    /** The manual ACTIVITY uses recorded on a view. */
    public static List<Usage.Use> manualUses(Document d) {
        List<Usage.Use> uses = new ArrayList<>();
        for (Document u : d.getList("manualUses", Document.class, List.of())) {
            uses.add(Usage.Use.touchpoint(u.getString("touchpointId"), d.getString("_id"),
                    LocalDate.parse(u.getString("date")), u.getString("activity")));
        }
        return uses;
    }

    /** A MANUAL ACTIVITY touchpoint is a use; one derived from our own ask events is not (the SENT counted). */
    public static boolean countsAsUse(TouchpointRecordedEvent t) {
        return t.type() == TouchpointType.ACTIVITY && "MANUAL".equals(t.source());
    }

    /** The ledger entry of a manual use, dated its occurredAt (UTC). */
    public static Ledger.Entry use(TouchpointRecordedEvent t, Instant eventTime) {
        Instant at = t.occurredAt() != null ? t.occurredAt() : eventTime;
        return new Ledger.Entry("TOUCHPOINT", t.touchpointId(), t.advocateId(), LocalDate.ofInstant(at, ZoneOffset.UTC),
                name(t.activity()), false, at);
    }
}
