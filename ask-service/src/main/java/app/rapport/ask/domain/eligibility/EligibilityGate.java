package app.rapport.ask.domain.eligibility;

import app.rapport.events.vocabulary.AdvocateStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eligibility gate (docs/eligibility.md) as plain Java: (advocate view, usage, policy, today, request) →
 * decision. Every rule that applies yields a reason; the ask is eligible when there are none.
 *
 * <p>Boundaries (see docs/eligibility.md):
 * <ul>
 *   <li>ON_LEAVE: a leave [from, to] (inclusive) overlaps the window [today, dueBy or today+14]; until = to + 1.</li>
 *   <li>BUSY: busyUntil ≥ today; until = busyUntil + 1.</li>
 *   <li>RECENTLY_ASKED: days since the last use &lt; minDaysBetweenAsks (exactly 30 days ago is fine); until = last use + min.</li>
 *   <li>Budgets: a use counts while it is less than 90 days old (one exactly 90 days old no longer counts);
 *   blocked when the count ≥ cap; until = the day enough uses have aged out.</li>
 *   <li>ACCOUNT_AT_RISK: a P1/P2 case or an escalation is open (no until: it lifts when they close).</li>
 *   <li>RENEWAL_WINDOW: today ≤ renewsOn ≤ today + renewalQuietDays; until = renewsOn + 1.</li>
 *   <li>DETRACTOR: latest NPS ≤ 6 and less than 90 days old (89 applies, 90 not); until = its day + 90.</li>
 *   <li>OWNER_CAPACITY: routed asks of the owner less than 7 days old ≥ cap; until = enough have aged out.</li>
 *   <li>CONSENT_STALE: days since the activity's confirmation &gt; consentMaxAgeDays (365 fine, 366 stale).</li>
 *   <li>GIVE_TAKE_BALANCE: uses − gives (both less than 180 days old) &gt; maxTakeOverGive.</li>
 * </ul>
 */
public final class EligibilityGate {

    private EligibilityGate() {
    }

    public static Decision evaluate(AdvocateView view, Usage usage, Policy policy, LocalDate today, AskRequest request) {
        return evaluate(view, null, usage, policy, today, request);
    }

    /** @param account the situation of the advocate's account, or null when none is known */
    public static Decision evaluate(AdvocateView view, AccountView account, Usage usage, Policy policy, LocalDate today,
            AskRequest request) {
        List<Reason> reasons = new ArrayList<>();
        String activity = request.activity();

        String status = view.status();
        if (AdvocateStatus.parse(status).map(st -> !st.askable()).orElse(false)) {
            reasons.add(Reason.of(ReasonCode.ADVOCATE_INACTIVE,
                    "The advocate is " + status + "; nobody can be asked until the programme makes them ACTIVE again",
                    null, evidence("status", status)));
        }

        if (!view.activities().contains(activity)) {
            reasons.add(Reason.of(ReasonCode.NOT_OPTED_IN,
                    "The advocate has not opted in to " + activity + "; they take part in "
                            + (view.activities().isEmpty() ? "no activities" : String.join(", ", view.activities())),
                    null, evidence("activity", activity, "optedIn", view.activities())));
        }

        onLeave(view, today, request).ifPresent(reasons::add);

        if (view.ownerId() == null || view.ownerId().isBlank()) {
            reasons.add(Reason.of(ReasonCode.NO_OWNER,
                    "The advocate has no relationship owner; the programme must assign one before anyone asks them",
                    null, evidence()));
        }

        usage.openAsks().stream().filter(a -> activity.equals(a.activity())).findFirst().ifPresent(a ->
                reasons.add(Reason.of(ReasonCode.DUPLICATE,
                        "An open " + activity + " ask (" + a.askId() + ", " + a.status()
                                + ") already exists for this advocate",
                        null, evidence("askId", a.askId(), "status", a.status(), "activity", activity))));

        if (view.busyUntil() != null && !view.busyUntil().isBefore(today)) {
            LocalDate until = view.busyUntil().plusDays(1);
            reasons.add(Reason.of(ReasonCode.BUSY,
                    "Busy until " + view.busyUntil() + ": eligible from " + until, until,
                    evidence("busyUntil", view.busyUntil().toString())));
        }

        int maxOpen = policy.maxOpenAsksPerAdvocate();
        if (usage.openAsks().size() >= maxOpen) {
            int n = usage.openAsks().size();
            reasons.add(Reason.of(ReasonCode.WORKLOAD,
                    n + (n == 1 ? " open ask" : " open asks") + " for this advocate already; at most " + maxOpen
                            + " at a time",
                    null, evidence("openAsks", usage.openAsks().stream().map(a -> (Object) Map.of(
                            "askId", a.askId(), "activity", a.activity(), "status", a.status())).toList(),
                            "count", n, "cap", maxOpen, "threshold", "maxOpenAsksPerAdvocate")));
        }

        recentlyAsked(usage, policy, today).ifPresent(reasons::add);

        int advocateCap = policy.advocateBudgetPer90Days();
        String capSource = "advocateBudgetPer90Days";
        if (view.maxAsksPerQuarter() != null && view.maxAsksPerQuarter() < advocateCap) {
            advocateCap = Math.max(0, view.maxAsksPerQuarter());
            capSource = "maxAsksPerQuarter";
        }
        List<Usage.Use> inWindow = inWindow(usage.uses(), today);
        if (inWindow.size() >= advocateCap) {
            LocalDate until = budgetUntil(inWindow, advocateCap);
            reasons.add(Reason.of(ReasonCode.CONTACT_BUDGET,
                    "Used " + times(inWindow.size()) + " in the last " + Policy.WINDOW_DAYS + " days; "
                            + ("maxAsksPerQuarter".equals(capSource) ? "the advocate's own limit" : "the budget")
                            + " is " + advocateCap + " per " + Policy.WINDOW_DAYS + " days"
                            + (until == null ? "" : ": eligible from " + until),
                    until, evidence("count", inWindow.size(), "cap", advocateCap, "threshold", capSource,
                            "windowDays", Policy.WINDOW_DAYS, "uses", describe(inWindow))));
        }

        if (view.accountId() != null) {
            int accountCap = policy.accountBudgetPer90Days();
            List<Usage.Use> accountInWindow = inWindow(usage.accountUses(), today);
            if (accountInWindow.size() >= accountCap) {
                LocalDate until = budgetUntil(accountInWindow, accountCap);
                reasons.add(Reason.of(ReasonCode.ACCOUNT_BUDGET,
                        "Advocates of account " + view.accountId() + " were used " + times(accountInWindow.size())
                                + " in the last " + Policy.WINDOW_DAYS + " days; the account budget is " + accountCap
                                + " per " + Policy.WINDOW_DAYS + " days" + (until == null ? "" : ": eligible from " + until),
                        until, evidence("accountId", view.accountId(), "count", accountInWindow.size(),
                                "cap", accountCap, "threshold", "accountBudgetPer90Days",
                                "windowDays", Policy.WINDOW_DAYS, "uses", describe(accountInWindow))));
            }
        }
        if (account != null) {
            accountAtRisk(account, today).ifPresent(reasons::add);
            renewalWindow(account, policy, today).ifPresent(reasons::add);
            detractor(account, today).ifPresent(reasons::add);
        }
        ownerCapacity(view, usage, policy, today).ifPresent(reasons::add);
        consentStale(view, policy, today, activity).ifPresent(reasons::add);
        giveTakeBalance(usage, policy, today).ifPresent(reasons::add);
        return new Decision(reasons.isEmpty(), reasons);
    }

    /** The priorities that put an account at risk. */
    public static final java.util.Set<String> AT_RISK_PRIORITIES = java.util.Set.of("P1", "P2");

    static java.util.Optional<Reason> accountAtRisk(AccountView account, LocalDate today) {
        List<AccountView.OpenCase> cases = account.openCases().stream()
                .filter(c -> c.priority() != null && AT_RISK_PRIORITIES.contains(c.priority())).toList();
        List<AccountView.Escalation> escalations = account.escalations();
        if (cases.isEmpty() && escalations.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<Object> caseEvidence = new ArrayList<>();
        for (AccountView.OpenCase c : cases) {
            Integer age = ageDays(c.openedAt(), today);
            parts.add("a " + c.priority() + " support case (" + c.caseId() + (age == null ? "" : ", open " + days(age))
                    + ")");
            Map<String, Object> m = evidence("caseId", c.caseId(), "priority", c.priority());
            if (c.openedAt() != null) {
                m.put("openedAt", c.openedAt().toString());
                m.put("ageDays", age);
            }
            caseEvidence.add(m);
        }
        List<Object> escalationEvidence = new ArrayList<>();
        for (AccountView.Escalation e : escalations) {
            Integer age = ageDays(e.openedAt(), today);
            parts.add("an escalation (" + e.escalationId() + (age == null ? "" : ", open " + days(age)) + ")");
            Map<String, Object> m = evidence("escalationId", e.escalationId());
            if (e.openedAt() != null) {
                m.put("openedAt", e.openedAt().toString());
                m.put("ageDays", age);
            }
            escalationEvidence.add(m);
        }
        String message = "Account " + account.accountId() + " has " + String.join(" and ", parts)
                + " open; nobody at the account is asked until " + (parts.size() == 1 ? "it is" : "they are")
                + " closed";
        return java.util.Optional.of(Reason.of(ReasonCode.ACCOUNT_AT_RISK, message, null,
                evidence("accountId", account.accountId(), "cases", caseEvidence, "escalations", escalationEvidence)));
    }

    static java.util.Optional<Reason> renewalWindow(AccountView account, Policy policy, LocalDate today) {
        LocalDate renewsOn = account.renewsOn();
        int quiet = policy.renewalQuietDays();
        if (renewsOn == null || renewsOn.isBefore(today) || renewsOn.isAfter(today.plusDays(quiet))) {
            return java.util.Optional.empty();
        }
        long in = ChronoUnit.DAYS.between(today, renewsOn);
        LocalDate until = renewsOn.plusDays(1);
        String when = in == 0 ? "today" : in == 1 ? "tomorrow" : "in " + in + " days";
        return java.util.Optional.of(Reason.of(ReasonCode.RENEWAL_WINDOW,
                "Account " + account.accountId() + " renews " + when + " (" + renewsOn + "); the programme keeps quiet "
                        + quiet + " days before a renewal: eligible from " + until,
                until, evidence("accountId", account.accountId(), "renewsOn", renewsOn.toString(),
                        "daysUntilRenewal", (int) in, "renewalQuietDays", quiet, "threshold", "renewalQuietDays")));
    }

    static java.util.Optional<Reason> detractor(AccountView account, LocalDate today) {
        if (account.npsScore() == null || account.npsAt() == null || account.npsScore() > Policy.DETRACTOR_MAX_SCORE) {
            return java.util.Optional.empty();
        }
        LocalDate on = LocalDate.ofInstant(account.npsAt(), java.time.ZoneOffset.UTC);
        long age = ChronoUnit.DAYS.between(on, today);
        if (age >= Policy.DETRACTOR_DAYS || age < 0) {
            return java.util.Optional.empty();
        }
        LocalDate until = on.plusDays(Policy.DETRACTOR_DAYS);
        return java.util.Optional.of(Reason.of(ReasonCode.DETRACTOR,
                "Account " + account.accountId() + " answered NPS " + account.npsScore() + " " + daysAgo((int) age)
                        + " (" + on + "), a detractor: eligible from " + until + ", when that answer is "
                        + Policy.DETRACTOR_DAYS + " days old",
                until, evidence("accountId", account.accountId(), "score", account.npsScore(),
                        "at", account.npsAt().toString(), "ageDays", (int) age, "maxScore", Policy.DETRACTOR_MAX_SCORE,
                        "windowDays", Policy.DETRACTOR_DAYS)));
    }

    static java.util.Optional<Reason> ownerCapacity(AdvocateView view, Usage usage, Policy policy, LocalDate today) {
        if (usage.ownerRouted() == null || view.ownerId() == null || view.ownerId().isBlank()) {
            return java.util.Optional.empty();
        }
        int cap = policy.maxRoutedAsksPerOwnerPer7Days();
        LocalDate cutoff = today.minusDays(Policy.OWNER_WINDOW_DAYS);
        List<Usage.Use> routed = usage.ownerRouted().stream()
                .filter(u -> u.date() != null && u.date().isAfter(cutoff))
                .sorted(Comparator.comparing(Usage.Use::date)).toList();
        if (routed.size() < cap) {
            return java.util.Optional.empty();
        }
        int mustAgeOut = routed.size() - cap + 1;
        LocalDate until = routed.get(mustAgeOut - 1).date().plusDays(Policy.OWNER_WINDOW_DAYS);
        List<Object> asks = routed.stream().map(u -> (Object) evidence("askId", u.ref(), "advocateId", u.advocateId(),
                "routedOn", u.date().toString())).toList();
        return java.util.Optional.of(Reason.of(ReasonCode.OWNER_CAPACITY,
                "The relationship owner " + view.ownerId() + " already has " + routed.size()
                        + (routed.size() == 1 ? " ask" : " asks") + " routed in the last " + Policy.OWNER_WINDOW_DAYS
                        + " days; at most " + cap + " per " + Policy.OWNER_WINDOW_DAYS + " days: eligible from " + until,
                until, evidence("ownerId", view.ownerId(), "count", routed.size(), "cap", cap,
                        "threshold", "maxRoutedAsksPerOwnerPer7Days", "windowDays", Policy.OWNER_WINDOW_DAYS,
                        "asks", asks)));
    }

    static java.util.Optional<Reason> consentStale(AdvocateView view, Policy policy, LocalDate today, String activity) {
        LocalDate confirmed = view.consents().get(activity);
        if (confirmed == null || !view.activities().contains(activity)) {
            return java.util.Optional.empty(); // no consent date (older advocates), or NOT_OPTED_IN says it
        }
        long age = ChronoUnit.DAYS.between(confirmed, today);
        int max = policy.consentMaxAgeDays();
        if (age <= max) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Reason.of(ReasonCode.CONSENT_STALE,
                "The advocate last confirmed their opt-in to " + activity + " on " + confirmed + ", " + age
                        + " days ago; confirmations older than " + max + " days are re-confirmed in person by the owner "
                        + "before an ask",
                null, evidence("activity", activity, "confirmedOn", confirmed.toString(), "ageDays", (int) age,
                        "consentMaxAgeDays", max, "threshold", "consentMaxAgeDays")));
    }

    static java.util.Optional<Reason> giveTakeBalance(Usage usage, Policy policy, LocalDate today) {
        LocalDate cutoff = today.minusDays(Policy.GIVE_TAKE_WINDOW_DAYS);
        List<Usage.Use> takes = usage.uses().stream().filter(u -> u.date() != null && u.date().isAfter(cutoff)).toList();
        List<Usage.Use> gives = usage.gives().stream().filter(u -> u.date() != null && u.date().isAfter(cutoff))
                .toList();
        int max = policy.maxTakeOverGive();
        int gap = takes.size() - gives.size();
        if (gap <= max) {
            return java.util.Optional.empty();
        }
        int needed = gap - max;
        return java.util.Optional.of(Reason.of(ReasonCode.GIVE_TAKE_BALANCE,
                "The advocate was used " + times(takes.size()) + " in the last " + Policy.GIVE_TAKE_WINDOW_DAYS
                        + " days and given back " + times(gives.size()) + " (thank-yous, check-ins, gifts); "
                        + needed + (needed == 1 ? " more give" : " more gives") + " would restore the balance",
                null, evidence("uses", takes.size(), "gives", gives.size(), "maxTakeOverGive", max,
                        "threshold", "maxTakeOverGive", "givesToRestore", needed,
                        "windowDays", Policy.GIVE_TAKE_WINDOW_DAYS, "recentGives", gives.stream().map(g ->
                                (Object) evidence("touchpointId", g.ref(), "type", g.activity(),
                                        "date", g.date().toString())).toList())));
    }

    private static Integer ageDays(java.time.Instant at, LocalDate today) {
        return at == null ? null
                : (int) Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), today));
    }

    private static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }

    private static String daysAgo(int n) {
        return n == 0 ? "today" : n == 1 ? "1 day ago" : n + " days ago";
    }

    /** The last day of the window an ask must be free of leave: dueBy, or today + 14 without one. */
    public static LocalDate windowEnd(LocalDate today, LocalDate dueBy) {
        return dueBy != null ? dueBy : today.plusDays(Policy.DEFAULT_LEAVE_HORIZON_DAYS);
    }

    private static java.util.Optional<Reason> onLeave(AdvocateView view, LocalDate today, AskRequest request) {
        LocalDate end = windowEnd(today, request.dueBy());
        List<AdvocateView.Leave> overlapping = view.leaves().stream()
                .filter(l -> l.from() != null && l.to() != null)
                .filter(l -> !l.from().isAfter(end) && !l.to().isBefore(today))
                .sorted(Comparator.comparing(AdvocateView.Leave::from))
                .toList();
        if (overlapping.isEmpty()) {
            return java.util.Optional.empty();
        }
        AdvocateView.Leave last = overlapping.stream().max(Comparator.comparing(AdvocateView.Leave::to)).orElseThrow();
        LocalDate until = last.to().plusDays(1);
        AdvocateView.Leave first = overlapping.get(0);
        String message = "On leave from " + first.from() + " to " + last.to() + ", which overlaps the ask's window "
                + today + " to " + end + ": eligible from " + until;
        List<Object> leaves = overlapping.stream().map(l -> (Object) leaveEvidence(l)).toList();
        return java.util.Optional.of(Reason.of(ReasonCode.ON_LEAVE, message, until,
                evidence("leaves", leaves, "windowFrom", today.toString(), "windowTo", end.toString())));
    }

    private static Map<String, Object> leaveEvidence(AdvocateView.Leave l) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (l.id() != null) {
            m.put("leaveId", l.id());
        }
        m.put("from", l.from().toString());
        m.put("to", l.to().toString());
        return m;
    }

    private static java.util.Optional<Reason> recentlyAsked(Usage usage, Policy policy, LocalDate today) {
        Usage.Use last = usage.uses().stream()
                .filter(u -> u.date() != null && !u.date().isAfter(today))
                .max(Comparator.comparing(Usage.Use::date))
                .orElse(null);
        if (last == null) {
            return java.util.Optional.empty();
        }
        long days = ChronoUnit.DAYS.between(last.date(), today);
        if (days >= policy.minDaysBetweenAsks()) {
            return java.util.Optional.empty();
        }
        LocalDate until = last.date().plusDays(policy.minDaysBetweenAsks());
        String what = "ASK".equals(last.kind()) ? "Last asked " : "Last used ";
        String ago = days == 0 ? "today" : days == 1 ? "1 day ago" : days + " days ago";
        String how = "ASK".equals(last.kind()) ? "" : ", an activity recorded by hand";
        String message = what + ago + " (" + last.date() + how + "); wait " + policy.minDaysBetweenAsks()
                + " days between asks: eligible from " + until;
        Map<String, Object> ev = evidence("lastUse", useEvidence(last), "daysSince", (int) days,
                "minDaysBetweenAsks", policy.minDaysBetweenAsks());
        return java.util.Optional.of(Reason.of(ReasonCode.RECENTLY_ASKED, message, until, ev));
    }

    /** Uses less than 90 days old: date &gt; today − 90. */
    static List<Usage.Use> inWindow(List<Usage.Use> uses, LocalDate today) {
        LocalDate cutoff = today.minusDays(Policy.WINDOW_DAYS);
        return uses.stream().filter(u -> u.date() != null && u.date().isAfter(cutoff))
                .sorted(Comparator.comparing(Usage.Use::date)).toList();
    }

    /** The day the count drops below the cap again: the (count − cap + 1)-th oldest use ages out. */
    private static LocalDate budgetUntil(List<Usage.Use> sortedInWindow, int cap) {
        int mustAgeOut = sortedInWindow.size() - cap + 1;
        if (mustAgeOut < 1 || mustAgeOut > sortedInWindow.size()) {
            return null; // a cap of 0: never, while the limit stays
        }
        return sortedInWindow.get(mustAgeOut - 1).date().plusDays(Policy.WINDOW_DAYS);
    }

    private static List<Object> describe(List<Usage.Use> uses) {
        return uses.stream().map(u -> (Object) useEvidence(u)).toList();
    }

    private static Map<String, Object> useEvidence(Usage.Use u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", u.kind());
        m.put("ASK".equals(u.kind()) ? "askId" : "touchpointId", u.ref());
        if (u.advocateId() != null) {
            m.put("advocateId", u.advocateId());
        }
        m.put("date", u.date().toString());
        if (u.activity() != null) {
            m.put("activity", u.activity());
        }
        return m;
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private static Map<String, Object> evidence(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
