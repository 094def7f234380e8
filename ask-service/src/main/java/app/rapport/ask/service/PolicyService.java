package app.rapport.ask.service;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.eligibility.Policy;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.ask.PolicyChangedEvent;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.Outbox;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.web.ApiException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The programme's thresholds: one document {@code policy/current} holding the version, the values,
 * who changed them and when, and the history of every change. A change and its policy-changed event
 * are one write (the document's own outbox).
 */
@ApplicationScoped
public class PolicyService {
    public static final String ID = "current";
    private static final int HISTORY = 200;

    @Inject
    Collections collections;

    @Inject
    OutboxRelayService relay;

    @Inject
    Clock clock;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Policy d = Policy.defaults();
        Document doc = new Document("_id", ID).append("version", d.version())
                .append("thresholds", thresholdsDoc(d.thresholds()))
                .append("updatedAt", Date.from(clock.instant())).append("updatedBy", "system")
                .append("history", List.of(new Document("version", d.version())
                        .append("thresholds", thresholdsDoc(d.thresholds()))
                        .append("by", "system").append("at", Date.from(clock.instant()))));
        try {
            collections.policy().insertOne(doc);
        } catch (MongoWriteException e) {
            if (!Inbox.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    static Document thresholdsDoc(Map<String, Integer> thresholds) {
        Document doc = new Document();
        thresholds.forEach(doc::append);
        return doc;
    }

    public Document currentDocument() {
        Document d = collections.policy().find(Filters.eq("_id", ID)).first();
        if (d == null) {
            onStart(null);
            d = collections.policy().find(Filters.eq("_id", ID)).first();
        }
        return d;
    }

    /** The policy a decision uses: read by key at most once per {@link #CACHE_FOR}, and again after a change here. */
    public Policy current() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c != null && now - c.readAt() < CACHE_FOR.toNanos()) {
            return c.policy();
        }
        Policy p = toPolicy(currentDocument());
        cached = new Cached(p, now);
        return p;
    }

    /** How long another instance's policy change may take to reach this one's decisions. */
    static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(1);

    private record Cached(Policy policy, long readAt) {
    }

    private volatile Cached cached;

    public static Policy toPolicy(Document d) {
        Document t = d.get("thresholds", Document.class);
        Policy def = Policy.defaults();
        return new Policy(((Number) d.get("version")).intValue(),
                intOr(t, "minDaysBetweenAsks", def.minDaysBetweenAsks()),
                intOr(t, "advocateBudgetPer90Days", def.advocateBudgetPer90Days()),
                intOr(t, "accountBudgetPer90Days", def.accountBudgetPer90Days()),
                intOr(t, "maxOpenAsksPerAdvocate", def.maxOpenAsksPerAdvocate()),
                intOr(t, "renewalQuietDays", def.renewalQuietDays()),
                intOr(t, "maxRoutedAsksPerOwnerPer7Days", def.maxRoutedAsksPerOwnerPer7Days()),
                intOr(t, "consentMaxAgeDays", def.consentMaxAgeDays()),
                intOr(t, "maxTakeOverGive", def.maxTakeOverGive()));
    }

    private static int intOr(Document t, String key, int fallback) {
        Object v = t == null ? null : t.get(key);
        return v instanceof Number n ? n.intValue() : fallback;
    }

    /** Replaces the thresholds; version + 1, audited and published. */
    public Document update(Map<String, Integer> thresholds, String by) {
        Document current = currentDocument();
        int version = ((Number) current.get("version")).intValue();
        Instant now = clock.instant();
        Document values = new Document();
        thresholds.forEach(values::append);
        PolicyChangedEvent payload = new PolicyChangedEvent(version + 1, thresholds, by, now);
        OutboxEvent event = OutboxEvent.of(Topics.ASK_EVENTS, PolicyChangedEvent.KEY, EventTypes.POLICY_CHANGED,
                payload);
        Document entry = new Document("version", version + 1).append("thresholds", values).append("by", by)
                .append("at", Date.from(now)).append("previous", current.get("thresholds"));
        var result = collections.policy().updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("version", version)),
                Updates.combine(Updates.set("version", version + 1), Updates.set("thresholds", values),
                        Updates.set("updatedAt", Date.from(now)), Updates.set("updatedBy", by),
                        Updates.pushEach("history", List.of(entry), new PushOptions().slice(-HISTORY)),
                        Outbox.push(event)));
        if (result.getMatchedCount() == 0) {
            throw ApiException.conflict("The policy was changed by someone else at the same moment; read it and try again");
        }
        cached = null;
        relay.nudge();
        return currentDocument();
    }
}
