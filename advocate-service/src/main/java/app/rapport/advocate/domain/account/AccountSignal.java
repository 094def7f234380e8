package app.rapport.advocate.domain.account;

import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One fact about an account from a support, CRM or billing tool, checked and typed. The same
 * signal arrives by REST ({@code POST /api/accounts/{id}/signals}) or on the {@code account-signals}
 * topic; {@link #parse} is the one place both are read.
 *
 * @param id         the sender's id of the signal; a repeat of the same id changes nothing
 * @param type       what happened
 * @param occurredAt when it happened at the source (orders signals about the same case)
 * @param subject    the case or escalation id, the spend's period, or null
 * @param priority   P1..P4 for support cases, else null
 * @param renewsOn   for RENEWAL_SET
 * @param score      0..10 for NPS_RECORDED
 * @param amount     for SPEND_RECORDED
 * @param currency   ISO 4217 code for SPEND_RECORDED
 */
public record AccountSignal(String id, Type type, Instant occurredAt, String subject, String priority,
        LocalDate renewsOn, Integer score, BigDecimal amount, String currency) {

    public enum Type {
        SUPPORT_CASE_OPENED, SUPPORT_CASE_UPDATED, SUPPORT_CASE_CLOSED, ESCALATION_OPENED, ESCALATION_CLOSED,
        RENEWAL_SET, NPS_RECORDED, SPEND_RECORDED;

        /** {@code SUPPORT_CASE_OPENED} from {@code rapport.signal.support-case-opened.v1}, or null. */
        public static Type fromCloudEventType(String ceType) {
            if (ceType == null || !ceType.startsWith("rapport.signal.") || !ceType.endsWith(".v1")) {
                return null;
            }
            String kebab = ceType.substring("rapport.signal.".length(), ceType.length() - ".v1".length());
            try {
                return valueOf(kebab.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        public String cloudEventType() {
            return "rapport.signal." + name().toLowerCase(Locale.ROOT).replace('_', '-') + ".v1";
        }
    }

    public static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4");
    public static final int MAX_ID = 100;
    /** How far in the future an occurredAt may lie (clock skew between tools). */
    public static final long MAX_FUTURE_SECONDS = 300;
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    /**
     * Reads a signal, or throws a {@link DomainException} naming every bad field ({@code id},
     * {@code type}, {@code occurredAt}, {@code data.<field>}).
     */
    public static AccountSignal parse(String id, String type, String occurredAt, Map<String, ?> data, Instant now) {
        List<Violation> v = new ArrayList<>();
        if (id == null || id.isBlank()) {
            v.add(new Violation("id", "is required"));
        } else if (id.length() > MAX_ID) {
            v.add(new Violation("id", "must be at most " + MAX_ID + " characters"));
        }
        Type t = null;
        if (type == null || type.isBlank()) {
            v.add(new Violation("type", "is required"));
        } else {
            try {
                t = Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                v.add(new Violation("type", "must be one of " + List.of(Type.values())));
            }
        }
        Instant at = null;
        if (occurredAt == null || occurredAt.isBlank()) {
            v.add(new Violation("occurredAt", "is required"));
        } else {
            try {
                at = Instant.parse(occurredAt);
                if (at.isAfter(now.plusSeconds(MAX_FUTURE_SECONDS))) {
                    v.add(new Violation("occurredAt", "must not be in the future"));
                }
            } catch (DateTimeParseException e) {
                v.add(new Violation("occurredAt", "must be an ISO-8601 instant such as 2026-11-26T09:30:00Z"));
            }
        }
        Map<String, ?> d = data == null ? Map.of() : data;
        String subject = null;
        String priority = null;
        LocalDate renewsOn = null;
        Integer score = null;
        BigDecimal amount = null;
        String currency = null;
        if (t != null) {
            switch (t) {
                case SUPPORT_CASE_OPENED, SUPPORT_CASE_UPDATED, SUPPORT_CASE_CLOSED -> {
                    subject = requiredId(v, d, "caseId");
                    priority = string(v, d, "priority");
                    if (priority != null && !PRIORITIES.contains(priority)) {
                        v.add(new Violation("data.priority", "must be one of P1, P2, P3, P4"));
                        priority = null;
                    } else if (priority == null && !has(v, "data.priority")) {
                        v.add(new Violation("data.priority", "is required"));
                    }
                }
                case ESCALATION_OPENED, ESCALATION_CLOSED -> subject = requiredId(v, d, "escalationId");
                case RENEWAL_SET -> {
                    String s = string(v, d, "renewsOn");
                    if (s == null) {
                        if (!has(v, "data.renewsOn")) {
                            v.add(new Violation("data.renewsOn", "is required"));
                        }
                    } else {
                        try {
                            renewsOn = LocalDate.parse(s);
                        } catch (DateTimeParseException e) {
                            v.add(new Violation("data.renewsOn", "must be a date YYYY-MM-DD"));
                        }
                    }
                }
                case NPS_RECORDED -> {
                    Object s = d.get("score");
                    if (s == null) {
                        v.add(new Violation("data.score", "is required"));
                    } else if (!(s instanceof Integer || s instanceof Long || s instanceof Short)
                            || ((Number) s).longValue() < 0 || ((Number) s).longValue() > 10) {
                        v.add(new Violation("data.score", "must be a whole number from 0 to 10"));
                    } else {
                        score = ((Number) s).intValue();
                    }
                }
                case SPEND_RECORDED -> {
                    subject = requiredId(v, d, "period");
                    Object a = d.get("amount");
                    if (a == null) {
                        v.add(new Violation("data.amount", "is required"));
                    } else if (!(a instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                        v.add(new Violation("data.amount", "must be a number of zero or more"));
                    } else {
                        amount = new BigDecimal(a.toString());
                    }
                    currency = string(v, d, "currency");
                    if (currency == null) {
                        if (!has(v, "data.currency")) {
                            v.add(new Violation("data.currency", "is required"));
                        }
                    } else if (!CURRENCY.matcher(currency).matches()) {
                        v.add(new Violation("data.currency", "must be an ISO 4217 code such as EUR"));
                        currency = null;
                    }
                }
                default -> {
                }
            }
        }
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
        return new AccountSignal(id, t, at, subject, priority, renewsOn, score, amount, currency);
    }

    private static boolean has(List<Violation> v, String field) {
        return v.stream().anyMatch(x -> x.field().equals(field));
    }

    private static String requiredId(List<Violation> v, Map<String, ?> d, String field) {
        String s = string(v, d, field);
        if (s == null) {
            if (!has(v, "data." + field)) {
                v.add(new Violation("data." + field, "is required"));
            }
            return null;
        }
        if (s.length() > MAX_ID) {
            v.add(new Violation("data." + field, "must be at most " + MAX_ID + " characters"));
            return null;
        }
        return s;
    }

    /** A non-blank string, trimmed; a wrong type is a violation. */
    private static String string(List<Violation> v, Map<String, ?> d, String field) {
        Object o = d.get(field);
        if (o == null) {
            return null;
        }
        if (!(o instanceof String s)) {
            v.add(new Violation("data." + field, "must be a string"));
            return null;
        }
        return s.isBlank() ? null : s.strip();
    }
}
