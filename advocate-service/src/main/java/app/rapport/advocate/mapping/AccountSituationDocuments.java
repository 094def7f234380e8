package app.rapport.advocate.mapping;

import app.rapport.advocate.domain.account.AccountSituation;
import app.rapport.advocate.domain.account.AccountSituation.Case;
import app.rapport.advocate.domain.account.AccountSituation.Dated;
import app.rapport.advocate.domain.account.AccountSituation.Escalation;
import app.rapport.advocate.domain.account.AccountSituation.Spend;
import app.rapport.events.account.AccountSituationChangedEvent;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's situation as stored on its {@code accounts} document (field {@code situation}), and
 * as published. The stored form keeps what the fold needs to order late signals: closed cases and
 * escalations with the time of their last signal, and when the renewal, the NPS and each spend
 * were last set. Amounts are stored as decimal strings, so no precision is lost.
 *
 * <pre>
 * situation: {cases: [{caseId, priority, openedAt, open, lastAt}], escalations: [{escalationId, openedAt, open, lastAt}],
 *             renewal: {value: "2027-03-01", at}, nps: {value: 6, at}, spend: [{period, amount: "1200.50", currency, at}]}
 * </pre>
 */
public final class AccountSituationDocuments {
    private AccountSituationDocuments() {
    }

    public static Document toDocument(AccountSituation s) {
        List<Document> cases = new ArrayList<>();
        for (Case c : s.cases().values()) {
            cases.add(new Document("caseId", c.caseId()).append("priority", c.priority()).append("openedAt", date(c.openedAt()))
                    .append("open", c.open()).append("lastAt", date(c.lastAt())));
        }
        List<Document> escalations = new ArrayList<>();
        for (Escalation e : s.escalations().values()) {
            escalations.add(new Document("escalationId", e.escalationId()).append("openedAt", date(e.openedAt()))
                    .append("open", e.open()).append("lastAt", date(e.lastAt())));
        }
        List<Document> spend = new ArrayList<>();
        for (Spend p : s.spendByPeriod()) {
            spend.add(new Document("period", p.period()).append("amount", p.amount().toPlainString())
                    .append("currency", p.currency()).append("at", date(p.at())));
        }
        Document d = new Document("cases", cases).append("escalations", escalations).append("spend", spend);
        if (s.renewal() != null) {
            d.append("renewal", new Document("value", s.renewal().value().toString()).append("at", date(s.renewal().at())));
        }
        if (s.nps() != null) {
            d.append("nps", new Document("value", s.nps().value()).append("at", date(s.nps().at())));
        }
        return d;
    }

    /** The stored situation, or the empty one when the document has none yet. */
    public static AccountSituation fromDocument(Document d) {
        if (d == null) {
            return AccountSituation.empty();
        }
        Map<String, Case> cases = new LinkedHashMap<>();
        for (Document c : d.getList("cases", Document.class, List.of())) {
            cases.put(c.getString("caseId"), new Case(c.getString("caseId"), c.getString("priority"),
                    instant(c, "openedAt"), Boolean.TRUE.equals(c.getBoolean("open")), instant(c, "lastAt")));
        }
        Map<String, Escalation> escalations = new LinkedHashMap<>();
        for (Document e : d.getList("escalations", Document.class, List.of())) {
            escalations.put(e.getString("escalationId"), new Escalation(e.getString("escalationId"),
                    instant(e, "openedAt"), Boolean.TRUE.equals(e.getBoolean("open")), instant(e, "lastAt")));
        }
        Map<String, Spend> spend = new LinkedHashMap<>();
        for (Document p : d.getList("spend", Document.class, List.of())) {
            Spend x = new Spend(p.getString("period"), new BigDecimal(p.getString("amount")), p.getString("currency"),
                    instant(p, "at"));
            spend.put(x.period() + " " + x.currency(), x);
        }
        Document r = d.get("renewal", Document.class);
        Document n = d.get("nps", Document.class);
        return new AccountSituation(cases, escalations,
                r == null ? null : new Dated<>(LocalDate.parse(r.getString("value")), instant(r, "at")),
                n == null ? null : new Dated<>(((Number) n.get("value")).intValue(), instant(n, "at")), spend);
    }

    /** The published form: what is open now, the renewal, the NPS and the spend (no closed history, no free text). */
    public static AccountSituationChangedEvent toEvent(String accountId, long version, String signalId, String signalType,
            AccountSituation s, Instant at) {
        return new AccountSituationChangedEvent(accountId, version, signalId, signalType,
                s.openCases().stream().map(c -> new AccountSituationChangedEvent.OpenCase(c.caseId(), c.priority(),
                        c.openedAt())).toList(),
                s.openEscalations().stream().map(e -> new AccountSituationChangedEvent.Escalation(e.escalationId(),
                        e.openedAt())).toList(),
                s.renewal() == null ? null : s.renewal().value(),
                s.nps() == null ? null : new AccountSituationChangedEvent.Nps(s.nps().value(), s.nps().at()),
                s.spendByPeriod().stream().map(p -> new AccountSituationChangedEvent.Spend(p.period(), p.amount(),
                        p.currency())).toList(),
                at);
    }

    private static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    private static Instant instant(Document d, String field) {
        Date at = d.getDate(field);
        return at == null ? null : at.toInstant();
    }
}
