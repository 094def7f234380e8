package app.rapport.ask.repository;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.eligibility.AccountView;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.messaging.Inbox;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The usage ledgers ({@code advocate_usage}, {@code account_usage}): one document per advocate and per
 * account, read and written by {@code _id} only. Every change increments {@code version}, so a
 * reservation made with {@link #reserve} (conditional on the version the decision saw) fails when
 * anything changed the ledger in between, and the caller decides again.
 */
@ApplicationScoped
public class UsageLedgers {
    /** Which ledger: an advocate's, an account's, or an owner's (the asks routed to them, OWNER_CAPACITY). */
    public enum Scope {
        ADVOCATE(Collections.ADVOCATE_USAGE), ACCOUNT(Collections.ACCOUNT_USAGE), OWNER(Collections.OWNER_USAGE);

        final String collection;

        Scope(String collection) {
            this.collection = collection;
        }
    }

    @Inject
    Collections collections;

    MongoCollection<Document> of(Scope scope) {
        return collections.db().collection(scope.collection);
    }

    public Ledger find(Scope scope, String id) {
        Document d = of(scope).find(Filters.eq("_id", id)).projection(Projections.exclude(Inbox.FIELD)).first();
        return d == null ? Ledger.empty(id) : toLedger(d);
    }

    /** Several ledgers by {@code _id} (suggestions), in batches. */
    public java.util.Map<String, Ledger> findAll(Scope scope, Collection<String> ids) {
        java.util.Map<String, Ledger> out = new java.util.HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            for (Document d : of(scope).find(Filters.in("_id", all.subList(i, Math.min(all.size(), i + 1000))))
                    .projection(Projections.exclude(Inbox.FIELD))) {
                out.put(d.getString("_id"), toLedger(d));
            }
        }
        return out;
    }

    static Ledger toLedger(Document d) {
        List<Ledger.Entry> uses = new ArrayList<>();
        for (Document u : d.getList("uses", Document.class, List.of())) {
            Date at = u.getDate("at");
            uses.add(new Ledger.Entry(u.getString("kind"), u.getString("ref"), u.getString("advocateId"),
                    LocalDate.parse(u.getString("date")), u.getString("activity"), u.getBoolean("pending", false),
                    at == null ? null : at.toInstant()));
        }
        List<Ledger.OpenEntry> open = new ArrayList<>();
        for (Document o : d.getList("open", Document.class, List.of())) {
            Date at = o.getDate("at");
            open.add(new Ledger.OpenEntry(o.getString("askId"), o.getString("activity"), o.getString("status"),
                    at == null ? null : at.toInstant()));
        }
        List<Ledger.Entry> gives = new ArrayList<>();
        for (Document g : d.getList("gives", Document.class, List.of())) {
            Date at = g.getDate("at");
            gives.add(new Ledger.Entry("GIVE", g.getString("ref"), g.getString("advocateId"),
                    LocalDate.parse(g.getString("date")), g.getString("type"), false, at == null ? null : at.toInstant()));
        }
        Number v = (Number) d.get("version");
        return new Ledger(d.getString("_id"), v == null ? 0 : v.longValue(), uses, open, gives,
                toSituation(d.getString("_id"), d.get("situation", Document.class)));
    }

    /**
     * The account situation stored on an account ledger: {@code situation: {openCases: [{caseId, priority,
     * openedAt}], escalations: [{escalationId, openedAt}], renewsOn: "yyyy-MM-dd", nps: {score, at},
     * spend: [{period, amount: "1200.50", currency}]}} (dates as BSON dates, renewsOn as an ISO date
     * string, amounts as decimal strings).
     */
    static AccountView toSituation(String accountId, Document s) {
        if (s == null) {
            return null;
        }
        List<AccountView.OpenCase> cases = new ArrayList<>();
        for (Document c : s.getList("openCases", Document.class, List.of())) {
            cases.add(new AccountView.OpenCase(c.getString("caseId"), c.getString("priority"), instant(c, "openedAt")));
        }
        List<AccountView.Escalation> escalations = new ArrayList<>();
        for (Document e : s.getList("escalations", Document.class, List.of())) {
            escalations.add(new AccountView.Escalation(e.getString("escalationId"), instant(e, "openedAt")));
        }
        String renewsOn = s.getString("renewsOn");
        Document nps = s.get("nps", Document.class);
        Number score = nps == null ? null : (Number) nps.get("score");
        List<AccountView.Spend> spend = new ArrayList<>();
        for (Document p : s.getList("spend", Document.class, List.of())) {
            spend.add(new AccountView.Spend(p.getString("period"), new java.math.BigDecimal(p.getString("amount")),
                    p.getString("currency")));
        }
        return new AccountView(accountId, cases, escalations, renewsOn == null ? null : LocalDate.parse(renewsOn),
                score == null ? null : score.intValue(), nps == null ? null : instant(nps, "at"), spend);
    }

    private static Instant instant(Document d, String field) {
        Date at = d.getDate(field);
        return at == null ? null : at.toInstant();
    }

    public static Document toDocument(AccountView s) {
        Document d = new Document("openCases", s.openCases().stream().map(c -> new Document("caseId", c.caseId())
                .append("priority", c.priority()).append("openedAt", c.openedAt() == null ? null : Date.from(c.openedAt())))
                .toList())
                .append("escalations", s.escalations().stream().map(e -> new Document("escalationId", e.escalationId())
                        .append("openedAt", e.openedAt() == null ? null : Date.from(e.openedAt()))).toList())
                .append("renewsOn", s.renewsOn() == null ? null : s.renewsOn().toString())
                .append("spend", s.spend().stream().map(p -> new Document("period", p.period())
                        .append("amount", p.amount().toPlainString()).append("currency", p.currency())).toList());
        if (s.npsScore() != null) {
            d.append("nps", new Document("score", s.npsScore()).append("at", s.npsAt() == null ? null : Date.from(s.npsAt())));
        }
        return d;
    }

    /**
     * Replaces the situation on the account's ledger, once per ce_id (the lead's account-situation consumer
     * calls this with the situation advocate-service published). It does not change the ledger's version:
     * a reservation racing it still holds. Events of one account arrive in order on its partition; a
     * situation older than the stored one ({@code situationAsOf}) is ignored.
     *
     * @return true when applied
     */
    public boolean applySituation(String accountId, String eventId, AccountView situation, Instant asOf) {
        MongoCollection<Document> c = of(Scope.ACCOUNT);
        Document current = c.find(Filters.eq("_id", accountId)).projection(Projections.include("situationAsOf")).first();
        Date seen = current == null ? null : current.getDate("situationAsOf");
        if (seen != null && asOf != null && seen.toInstant().isAfter(asOf)) {
            return false;
        }
        return Inbox.applyOnce(c, accountId, eventId, Updates.combine(Updates.set("situation", toDocument(situation)),
                Updates.set("situationAsOf", asOf == null ? null : Date.from(asOf)), Updates.set("updatedAt", new Date())));
    }

    /**
     * Records a give (a THANK_YOU, CHECK_IN or GIFT touchpoint) on the advocate's ledger, once per ce_id.
     * Does not change the version (a give only ever lifts GIVE_TAKE_BALANCE).
     */
    public boolean recordGiveOnce(String advocateId, String eventId, Ledger.Entry give) {
        MongoCollection<Document> c = of(Scope.ADVOCATE);
        Document g = new Document("ref", give.ref()).append("advocateId", give.advocateId())
                .append("date", give.date().toString()).append("type", give.activity())
                .append("at", give.at() == null ? null : Date.from(give.at()));
        Bson update = Updates.combine(Updates.pushEach("gives", List.of(g), new PushOptions().slice(-Ledger.MAX_USES)),
                Updates.set("updatedAt", new Date()));
        if (Inbox.applyOnce(c, advocateId, eventId, update)) {
            return true;
        }
        boolean seen = c.find(Filters.and(Filters.eq("_id", advocateId), Filters.eq(Inbox.FIELD, eventId)))
                .projection(Projections.include("_id")).first() != null;
        return !seen && Inbox.applyOnce(c, advocateId, eventId, update);
    }

    public static Document toDocument(Ledger.Entry e) {
        Document d = new Document("kind", e.kind()).append("ref", e.ref()).append("advocateId", e.advocateId())
                .append("date", e.date().toString()).append("activity", e.activity());
        if (e.pending()) {
            d.append("pending", true);
        }
        return d.append("at", e.at() == null ? null : Date.from(e.at()));
    }

    private static Bson pushUse(Ledger.Entry e) {
        return Updates.pushEach("uses", List.of(toDocument(e)), new PushOptions().slice(-Ledger.MAX_USES));
    }

    private static Bson bump() {
        return Updates.combine(Updates.inc("version", 1), Updates.set("updatedAt", new Date()));
    }

    /**
     * Reserves a use: one conditional single-document write that only matches the ledger as the decision
     * saw it ({@code version}) and only when it does not hold {@code entry.ref} yet.
     *
     * @return true when reserved now; false when the ledger changed since (decide again)
     */
    public boolean reserve(Scope scope, Ledger seen, Ledger.Entry entry) {
        MongoCollection<Document> c = of(scope);
        if (seen.version() == 0) {
            Document doc = new Document("_id", seen.id()).append("version", 1L)
                    .append("uses", List.of(toDocument(entry))).append("open", List.of())
                    .append("updatedAt", new Date());
            if (Inbox.insertOnce(c, doc)) {
                return true;
            }
            // the document may exist without a version yet: it holds only gives or a situation
            return c.updateOne(Filters.and(Filters.eq("_id", seen.id()), Filters.exists("version", false),
                    Filters.ne("uses.ref", entry.ref())), Updates.combine(pushUse(entry), bump())).getMatchedCount() == 1;
        }
        return c.updateOne(Filters.and(Filters.eq("_id", seen.id()), Filters.eq("version", seen.version()),
                Filters.ne("uses.ref", entry.ref())), Updates.combine(pushUse(entry), bump())).getMatchedCount() == 1;
    }

    /** Drops a reservation that did not become a use (only a pending one: a confirmed use stays). */
    public void release(Scope scope, String id, String ref) {
        of(scope).updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("uses.ref", ref)),
                Updates.combine(Updates.pull("uses", new Document("ref", ref).append("pending", true)), bump()));
    }

    /**
     * Marks a reservation as a use that happened, recording the use if it is missing.
     *
     * <p>Marking is acknowledged without waiting for the journal ({@code w: 1}): a pending entry already
     * counts, and one whose mark a crash loses is the case "after the write, before its confirm" that
     * {@code UsageService} reconciles by {@code _id} 30 s later (docs/eligibility.md, "Crashes"). It saves
     * one commit wait on every routed ask and every send. Re-pushing a missing use stays journaled.
     */
    public void confirm(Scope scope, String id, Ledger.Entry entry) {
        MongoCollection<Document> c = of(scope);
        long matched = c.withWriteConcern(WriteConcern.W1).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("uses.ref", entry.ref())),
                Updates.combine(Updates.unset("uses.$.pending"), Updates.set("updatedAt", new Date())))
                .getMatchedCount(); // no new version: the count is the same
        if (matched == 0) {
            upsert(c, Filters.and(Filters.eq("_id", id), Filters.ne("uses.ref", entry.ref())),
                    Updates.combine(pushUse(entry.confirmed()), bump()));
        }
    }

    /** Trims uses older than {@value Ledger#KEEP_DAYS} days. */
    public void trim(Scope scope, String id, LocalDate today) {
        String cutoff = today.minusDays(Ledger.KEEP_DAYS).toString();
        of(scope).updateOne(Filters.eq("_id", id), Updates.combine(Updates.pull("uses",
                new Document("date", new Document("$lte", cutoff))), Updates.pull("gives",
                new Document("date", new Document("$lte", cutoff))), Updates.set("updatedAt", new Date())));
    }

    /** Notes an open ask on the advocate's ledger (idempotent). */
    public void open(String advocateId, String askId, String activity, String status, Instant at) {
        Document entry = new Document("askId", askId).append("activity", activity).append("status", status)
                .append("at", Date.from(at));
        upsert(of(Scope.ADVOCATE), Filters.and(Filters.eq("_id", advocateId), Filters.ne("open.askId", askId)),
                Updates.combine(Updates.push("open", entry), bump()));
    }

    /** Forgets an open ask (closed, or never stored). */
    public void close(String advocateId, String askId) {
        of(Scope.ADVOCATE).updateOne(Filters.and(Filters.eq("_id", advocateId), Filters.eq("open.askId", askId)),
                Updates.combine(Updates.pull("open", new Document("askId", askId)), bump()));
    }

    /**
     * Records a use from an event once per ce_id on this ledger. {@code Inbox.applyOnce} answers
     * "duplicate" also when another write created the ledger at the same moment; then the event id is
     * not in the ledger, and the use is applied again on the ledger that now exists.
     */
    public boolean recordOnce(Scope scope, String id, String eventId, Ledger.Entry entry) {
        MongoCollection<Document> c = of(scope);
        Bson update = Updates.combine(pushUse(entry), bump());
        if (Inbox.applyOnce(c, id, eventId, update)) {
            return true;
        }
        boolean seen = c.find(Filters.and(Filters.eq("_id", id), Filters.eq(Inbox.FIELD, eventId)))
                .projection(Projections.include("_id")).first() != null;
        return !seen && Inbox.applyOnce(c, id, eventId, update);
    }

    /**
     * An update that creates the ledger when missing. Two of them creating the same ledger at once:
     * the loser's insert collides on {@code _id}, and it runs again as a plain update of the ledger that
     * now exists (which changes nothing when its condition no longer holds).
     */
    private static void upsert(MongoCollection<Document> c, Bson filter, Bson update) {
        try {
            c.updateOne(filter, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Inbox.isDuplicateKey(e)) {
                throw e;
            }
            c.updateOne(filter, update);
        }
    }

    /** Records a use (the rebuild), unless the ledger holds it. */
    public void recordIfMissing(Scope scope, String id, Ledger.Entry entry) {
        upsert(of(scope), Filters.and(Filters.eq("_id", id), Filters.ne("uses.ref", entry.ref())),
                Updates.combine(pushUse(entry), bump()));
    }
}
