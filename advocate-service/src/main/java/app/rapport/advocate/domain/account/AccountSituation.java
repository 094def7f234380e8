package app.rapport.advocate.domain.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is known about an account right now, folded from its signals: the support cases and
 * escalations (open ones, and the closed ones remembered so that a late, older "opened" cannot
 * reopen them), the next renewal, the latest NPS and the spend by period.
 *
 * <p>Signals about one case or escalation apply in {@code occurredAt} order whatever order they
 * arrive in: a signal older than what is known changes nothing, and on a tie a close wins. The
 * same holds for the renewal, the NPS and each period's spend. Immutable; {@link #apply} returns
 * the new situation, or this one when the signal changes nothing.
 */
public record AccountSituation(Map<String, Case> cases, Map<String, Escalation> escalations, Dated<LocalDate> renewal,
        Dated<Integer> nps, Map<String, Spend> spend) {

    /** Closed cases and escalations remembered per account (the most recent ones). */
    public static final int REMEMBERED_CLOSED = 200;
    public static final Set<String> AT_RISK_PRIORITIES = Set.of("P1", "P2");

    public record Case(String caseId, String priority, Instant openedAt, boolean open, Instant lastAt) {
    }

    public record Escalation(String escalationId, Instant openedAt, boolean open, Instant lastAt) {
    }

    public record Dated<T>(T value, Instant at) {
    }

    public record Spend(String period, BigDecimal amount, String currency, Instant at) {
    }

    public AccountSituation {
        cases = Map.copyOf(cases == null ? Map.of() : cases);
        escalations = Map.copyOf(escalations == null ? Map.of() : escalations);
        spend = Map.copyOf(spend == null ? Map.of() : spend);
    }

    public static AccountSituation empty() {
        return new AccountSituation(Map.of(), Map.of(), null, null, Map.of());
    }

    public AccountSituation apply(AccountSignal s) {
        return switch (s.type()) {
            case SUPPORT_CASE_OPENED -> caseSignal(s, true, false);
            case SUPPORT_CASE_UPDATED -> caseSignal(s, false, false);
            case SUPPORT_CASE_CLOSED -> caseSignal(s, false, true);
            case ESCALATION_OPENED -> escalationSignal(s, false);
            case ESCALATION_CLOSED -> escalationSignal(s, true);
            case RENEWAL_SET -> renewal != null && s.occurredAt().isBefore(renewal.at()) ? this
                    : new AccountSituation(cases, escalations, new Dated<>(s.renewsOn(), s.occurredAt()), nps, spend);
            case NPS_RECORDED -> nps != null && s.occurredAt().isBefore(nps.at()) ? this
                    : new AccountSituation(cases, escalations, renewal, new Dated<>(s.score(), s.occurredAt()), spend);
            case SPEND_RECORDED -> spendSignal(s);
        };
    }

    /** A later signal than the last one known for the same thing; a close also wins a tie. */
    private static boolean newer(Instant last, Instant at, boolean close) {
        return last == null || at.isAfter(last) || (close && at.equals(last));
    }

    private AccountSituation caseSignal(AccountSignal s, boolean opened, boolean closed) {
        Case known = cases.get(s.subject());
        if (known != null && !newer(known.lastAt(), s.occurredAt(), closed)) {
            return this;
        }
        Case next;
        if (closed) {
            next = new Case(s.subject(), s.priority(), known == null ? null : known.openedAt(), false, s.occurredAt());
        } else if (opened) {
            boolean stillOpen = known != null && known.open();
            next = new Case(s.subject(), s.priority(), stillOpen ? known.openedAt() : s.occurredAt(), true,
                    s.occurredAt());
        } else {
            // an update is news about an open case; it never reopens a closed one
            if (known != null && !known.open()) {
                next = new Case(known.caseId(), known.priority(), known.openedAt(), false, s.occurredAt());
            } else {
                next = new Case(s.subject(), s.priority(), known == null ? s.occurredAt() : known.openedAt(), true,
                        s.occurredAt());
            }
        }
        Map<String, Case> m = new LinkedHashMap<>(cases);
        m.put(s.subject(), next);
        return new AccountSituation(forgetOldClosed(m, Case::open, Case::lastAt), escalations, renewal, nps, spend);
    }

    private AccountSituation escalationSignal(AccountSignal s, boolean closed) {
        Escalation known = escalations.get(s.subject());
        if (known != null && !newer(known.lastAt(), s.occurredAt(), closed)) {
            return this;
        }
        Escalation next = closed
                ? new Escalation(s.subject(), known == null ? null : known.openedAt(), false, s.occurredAt())
                : new Escalation(s.subject(), known != null && known.open() ? known.openedAt() : s.occurredAt(), true,
                        s.occurredAt());
        Map<String, Escalation> m = new LinkedHashMap<>(escalations);
        m.put(s.subject(), next);
        return new AccountSituation(cases, forgetOldClosed(m, Escalation::open, Escalation::lastAt), renewal, nps, spend);
    }

    private AccountSituation spendSignal(AccountSignal s) {
        String key = s.subject() + " " + s.currency();
        Spend known = spend.get(key);
        if (known != null && s.occurredAt().isBefore(known.at())) {
            return this;
        }
        Map<String, Spend> m = new LinkedHashMap<>(spend);
        m.put(key, new Spend(s.subject(), s.amount(), s.currency(), s.occurredAt()));
        return new AccountSituation(cases, escalations, renewal, nps, m);
    }

    private static <T> Map<String, T> forgetOldClosed(Map<String, T> m, java.util.function.Predicate<T> open,
            java.util.function.Function<T, Instant> lastAt) {
        List<Map.Entry<String, T>> closed = m.entrySet().stream().filter(e -> !open.test(e.getValue()))
                .sorted(Comparator.comparing((Map.Entry<String, T> e) -> lastAt.apply(e.getValue())).reversed())
                .toList();
        if (closed.size() <= REMEMBERED_CLOSED) {
            return m;
        }
        Map<String, T> out = new LinkedHashMap<>(m);
        closed.subList(REMEMBERED_CLOSED, closed.size()).forEach(e -> out.remove(e.getKey()));
        return out;
    }

    /** The open support cases, oldest first. */
    public List<Case> openCases() {
        List<Case> l = new ArrayList<>(cases.values().stream().filter(Case::open).toList());
        l.sort(Comparator.comparing(Case::openedAt).thenComparing(Case::caseId));
        return l;
    }

    /** The open escalations, oldest first. */
    public List<Escalation> openEscalations() {
        List<Escalation> l = new ArrayList<>(escalations.values().stream().filter(Escalation::open).toList());
        l.sort(Comparator.comparing(Escalation::openedAt).thenComparing(Escalation::escalationId));
        return l;
    }

    /** The spend, by period then currency. */
    public List<Spend> spendByPeriod() {
        return spend.values().stream().sorted(Comparator.comparing(Spend::period).thenComparing(Spend::currency)).toList();
    }

    /** A P1 or P2 case or an escalation is open: the gate's ACCOUNT_AT_RISK. */
    public boolean atRisk() {
        return openCases().stream().anyMatch(c -> AT_RISK_PRIORITIES.contains(c.priority()))
                || !openEscalations().isEmpty();
    }
}
