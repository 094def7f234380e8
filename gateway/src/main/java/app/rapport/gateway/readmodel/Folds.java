package app.rapport.gateway.readmodel;

import app.rapport.events.EventTypes;
import app.rapport.events.MalformedEventException;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.ask.AskBlocked;
import app.rapport.events.ask.AskLifecycleEvent;
import app.rapport.events.ask.AskLifecycleEvents;
import app.rapport.events.ask.AskOutcomeRecordedEvent;
import app.rapport.events.touchpoint.TouchpointRecordedEvent;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.messaging.InboundEvent;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How each event changes the read model: a fold turns one event into the writes it makes (every
 * filter an {@code _id} equality, every update idempotent), and {@link #apply} writes a batch of
 * them with one bulk write per collection; see {@link ReadModel}.
 */
@ApplicationScoped
public class Folds {
    /** The shape of an ISO 4217 code. */
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    @Inject
    ReadModel model;

    /** The writes an ask event makes (the prepare step of a batch; throws for a poison event). */
    public ReadModel.Folded ask(InboundEvent e) {
        ReadModel.Folded f = new ReadModel.Folded(e);
        foldAsk(e, f);
        return f;
    }

    public ReadModel.Folded advocate(InboundEvent e) {
        ReadModel.Folded f = new ReadModel.Folded(e);
        foldAdvocate(e, f);
        return f;
    }

    public ReadModel.Folded touchpoint(InboundEvent e) {
        ReadModel.Folded f = new ReadModel.Folded(e);
        foldTouchpoint(e, f);
        return f;
    }

    /** Applies a batch of folded events, once per ce_id, with one bulk write per collection. */
    public void apply(List<ReadModel.Folded> batch) {
        model.applyAll(batch);
    }

    /** The funnel stages an ask event marks as reached. */
    public static List<String> stages(String type) {
        return switch (type) {
            case EventTypes.ASK_REQUESTED -> List.of("requested");
            case EventTypes.ASK_ROUTED -> List.of("requested", "routed");
            case EventTypes.ASK_BLOCKED -> List.of("requested", "blocked");
            case EventTypes.ASK_OVERRIDDEN -> List.of("routed");
            case EventTypes.ASK_SENT -> List.of("sent");
            case EventTypes.ASK_ACCEPTED -> List.of("accepted");
            case EventTypes.ASK_COMPLETED -> List.of("completed");
            default -> List.of();
        };
    }

    /** The status an ask is in after an event, when the payload does not say. */
    static String statusAfter(String type) {
        return switch (type) {
            case EventTypes.ASK_ROUTED, EventTypes.ASK_OVERRIDDEN -> "AWAITING_OWNER";
            case EventTypes.ASK_BLOCKED -> "BLOCKED";
            case EventTypes.ASK_SENT -> "SENT";
            case EventTypes.ASK_ACCEPTED -> "ACCEPTED";
            case EventTypes.ASK_COMPLETED -> "COMPLETED";
            case EventTypes.ASK_DECLINED_BY_OWNER -> "DECLINED_BY_OWNER";
            case EventTypes.ASK_DECLINED_BY_ADVOCATE -> "DECLINED_BY_ADVOCATE";
            case EventTypes.ASK_CANCELLED -> "CANCELLED";
            case EventTypes.ASK_EXPIRED -> "EXPIRED";
            default -> null;
        };
    }

    void foldAsk(InboundEvent e, ReadModel.Folded out) {
        if (EventTypes.POLICY_CHANGED.equals(e.type())) {
            return;
        }
        if (EventTypes.ASK_OUTCOME_RECORDED.equals(e.type())) {
            foldOutcome(e, out);
            return;
        }
        Class<? extends AskLifecycleEvent> type = AskLifecycleEvents.payloadType(e.type());
        if (type == null) {
            return; // an ask event type the dashboard does not know: nothing to count
        }
        AskLifecycleEvent a = e.payload(type);
        if (a.askId() == null || a.askId().isBlank()) {
            throw new MalformedEventException("ask event " + e.id() + " has no askId");
        }
        Instant at = at(a.at(), e);
        String day = at.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String advocateId = a.advocateId() != null ? a.advocateId() : e.subject();

        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.setOnInsert("firstSeenAt", ReadModel.date(at)));
        if (advocateId != null) {
            updates.add(Updates.set("advocateId", advocateId));
        }
        if (a.activity() != null) {
            updates.add(Updates.set("activity", a.activity().name()));
        }
        if (a.requesterId() != null) {
            updates.add(Updates.set("requesterId", a.requesterId()));
        }
        for (String stage : stages(e.type())) {
            updates.add(Updates.min("stages." + stage, day));
        }
        if (a instanceof AskBlocked b && b.reasonCodes() != null && !b.reasonCodes().isEmpty()) {
            updates.add(Updates.addEachToSet("blockedReasons", b.reasonCodes()));
        }
        out.asks().add(ReadModel.upsert(a.askId(), Updates.combine(updates)));

        // status and owner: the newest event wins, whatever order a replay brings them in
        String status = a.status() != null ? a.status() : statusAfter(e.type());
        List<Bson> latest = new ArrayList<>();
        latest.add(Updates.set("statusAt", ReadModel.date(at)));
        if (status != null) {
            latest.add(Updates.set("status", status));
        }
        if (a.ownerId() != null) {
            latest.add(Updates.set("ownerId", a.ownerId()));
        }
        if (EventTypes.ASK_ROUTED.equals(e.type()) || EventTypes.ASK_OVERRIDDEN.equals(e.type())) {
            latest.add(Updates.set("awaitingSince", ReadModel.date(at)));
        }
        out.asks().add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", a.askId()),
                        Filters.or(Filters.exists("statusAt", false), Filters.lte("statusAt", ReadModel.date(at)))),
                Updates.combine(latest)));

        if (advocateId != null) {
            List<Bson> adv = new ArrayList<>();
            adv.add(Updates.min("firstSeenAt", ReadModel.date(at)));
            if (EventTypes.ASK_COMPLETED.equals(e.type())) {
                adv.add(Updates.addToSet("completedAsks", new Document("askId", a.askId())
                        .append("completedAt", ReadModel.date(at))));
            }
            out.advocates().add(ReadModel.upsert(advocateId, Updates.combine(adv)));
        }
    }

    /**
     * An outcome recorded (or corrected) for a completed ask: the ask's {@code outcome} is replaced
     * by this one unless the ask already holds one recorded later ({@code outcome.at}), so the
     * newest record wins whatever order a replay brings them in. Only ids, the result, the amount
     * (as a plain decimal string, so no precision is lost), its currency and the dates are kept.
     */
    void foldOutcome(InboundEvent e, ReadModel.Folded out) {
        AskOutcomeRecordedEvent o = e.payload(AskOutcomeRecordedEvent.class);
        if (o.askId() == null || o.askId().isBlank()) {
            throw new MalformedEventException("outcome event " + e.id() + " has no askId");
        }
        if (o.result() == null) {
            throw new MalformedEventException("outcome event " + e.id() + " has no result");
        }
        if (o.closedOn() == null) {
            throw new MalformedEventException("outcome event " + e.id() + " has no closedOn");
        }
        if ((o.amount() == null) != (o.currency() == null)) {
            throw new MalformedEventException("outcome event " + e.id()
                    + " must carry an amount and its currency together, or neither");
        }
        if (o.currency() != null && !CURRENCY.matcher(o.currency()).matches()) {
            throw new MalformedEventException("outcome event " + e.id() + " has currency '" + o.currency()
                    + "', not an ISO 4217 code");
        }
        if (o.amount() != null && o.amount().signum() < 0) {
            throw new MalformedEventException("outcome event " + e.id() + " has a negative amount");
        }
        Instant at = at(o.at(), e);
        String advocateId = o.advocateId() != null ? o.advocateId() : e.subject();

        out.asks().add(ReadModel.upsert(o.askId(), Updates.setOnInsert("firstSeenAt", ReadModel.date(at))));
        Document outcome = new Document("result", o.result().name())
                .append("amount", o.amount() == null ? null : plain(o.amount()))
                .append("currency", o.currency())
                .append("closedOn", o.closedOn().toString())
                .append("at", ReadModel.date(at));
        List<Bson> set = new ArrayList<>();
        set.add(Updates.set("outcome", outcome));
        if (advocateId != null) {
            set.add(Updates.set("advocateId", advocateId));
        }
        if (o.accountId() != null) {
            set.add(Updates.set("accountId", o.accountId()));
        }
        if (o.activity() != null) {
            set.add(Updates.set("activity", o.activity().name()));
        }
        out.asks().add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", o.askId()),
                        Filters.or(Filters.exists("outcome.at", false), Filters.lte("outcome.at", ReadModel.date(at)))),
                Updates.combine(set)));
    }

    /** A decimal as a plain string (never in exponent form), e.g. {@code 1E+3} → {@code 1000}. */
    static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }

    void foldAdvocate(InboundEvent e, ReadModel.Folded out) {
        if (e.type() == null || !e.type().startsWith("rapport.advocate.")) {
            return; // an account's situation (rapport.account.*) shares the topic; the dashboard does not show it
        }
        AdvocateEvent a = e.payload(AdvocateEvent.class);
        AdvocateSnapshot s = a.advocate();
        if (s == null || s.advocateId() == null) {
            throw new MalformedEventException("advocate event " + e.id() + " has no advocate snapshot");
        }
        Instant at = at(a.at(), e);
        out.advocates().add(ReadModel.upsert(s.advocateId(), Updates.min("firstSeenAt", ReadModel.date(at))));
        // only what the dashboard shows; the snapshot carries no contact details and none are kept
        List<Bson> set = new ArrayList<>();
        set.add(Updates.set("version", s.version()));
        set.add(Updates.set("name", s.name()));
        set.add(Updates.set("ownerId", s.ownerId()));
        set.add(Updates.set("status", s.status() == null ? null : s.status().name()));
        set.add(Updates.set("accountId", s.account() == null ? null : s.account().id()));
        set.add(Updates.set("accountName", s.account() == null ? null : s.account().name()));
        out.advocates().add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", s.advocateId()),
                        Filters.or(Filters.exists("version", false), Filters.lte("version", s.version()))),
                Updates.combine(set)));
    }

    void foldTouchpoint(InboundEvent e, ReadModel.Folded out) {
        TouchpointRecordedEvent t = e.payload(TouchpointRecordedEvent.class);
        String advocateId = t.advocateId() != null ? t.advocateId() : e.subject();
        if (advocateId == null) {
            throw new MalformedEventException("touchpoint event " + e.id() + " has no advocateId");
        }
        Date at = ReadModel.date(t.occurredAt() != null ? t.occurredAt() : at(null, e));
        List<Bson> u = new ArrayList<>();
        u.add(Updates.min("firstSeenAt", at));
        if (t.type() != null && t.type().humanTouch()) {
            u.add(Updates.max("lastHumanTouchAt", at));
        }
        if (t.type() == TouchpointType.THANK_YOU) {
            u.add(Updates.max("lastThankYouAt", at));
        }
        out.advocates().add(ReadModel.upsert(advocateId, Updates.combine(u)));
    }

    private static Instant at(Instant payloadAt, InboundEvent e) {
        if (payloadAt != null) {
            return payloadAt;
        }
        Instant t = e.timeOrNull();
        return t != null ? t : Instant.now();
    }
}
