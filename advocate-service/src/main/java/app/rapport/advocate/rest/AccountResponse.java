package app.rapport.advocate.rest;

import app.rapport.advocate.domain.account.AccountSituation;
import app.rapport.advocate.mapping.AccountSituationDocuments;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/accounts/{id}}: the account and its situation now (docs/api-advocates.md). The
 * situation lists what is open, the next renewal, the latest NPS and the spend by period; closed
 * cases and escalations are not shown.
 */
public record AccountResponse(String id, String name, String industry, String region, String segment,
        Situation situation) {

    public record Situation(List<OpenCase> openCases, List<Escalation> escalations, LocalDate renewsOn, Nps nps,
            List<Spend> spend) {

        public static Situation of(AccountSituation s) {
            return new Situation(
                    s.openCases().stream().map(c -> new OpenCase(c.caseId(), c.priority(), c.openedAt())).toList(),
                    s.openEscalations().stream().map(e -> new Escalation(e.escalationId(), e.openedAt())).toList(),
                    s.renewal() == null ? null : s.renewal().value(),
                    s.nps() == null ? null : new Nps(s.nps().value(), s.nps().at()),
                    s.spendByPeriod().stream().map(p -> new Spend(p.period(), p.amount(), p.currency())).toList());
        }
    }

    public record OpenCase(String caseId, String priority, Instant openedAt) {
    }

    public record Escalation(String escalationId, Instant openedAt) {
    }

    public record Nps(int score, Instant at) {
    }

    public record Spend(String period, BigDecimal amount, String currency) {
    }

    public static AccountResponse of(Document d) {
        return new AccountResponse(d.getString("_id"), d.getString("name"), d.getString("industry"), d.getString("region"),
                d.getString("segment"), Situation.of(AccountSituationDocuments.fromDocument(d.get("situation", Document.class))));
    }

    /** The answer to a signal: which signal, whether it was new, and the account's situation after it. */
    public record SignalAccepted(String accountId, String signalId, boolean applied, boolean changed, long version,
            Situation situation) {
    }
}
