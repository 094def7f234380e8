package app.rapport.ask.domain.ask;

import app.rapport.events.ask.OutcomeResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the opportunity a completed ask served ended, as the requester (or the owner, or a programme
 * manager) recorded it. {@code amount} is never converted: it is in {@code currency}, and the two are
 * given together or not at all. {@code story} is free text for people; it never leaves ask-service.
 *
 * @param recordedBy who recorded this version of the outcome
 * @param recordedAt when this version was recorded
 */
public record Outcome(OutcomeResult result, BigDecimal amount, String currency, LocalDate closedOn, String story,
        String recordedBy, Instant recordedAt) {

    public Outcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(closedOn, "closedOn");
        if ((amount == null) != (currency == null)) {
            throw new IllegalArgumentException("amount and currency go together");
        }
    }

    /** Whether this says the same as {@code other} (who recorded it and when aside). */
    public boolean sameAs(Outcome other) {
        return other != null && result == other.result && closedOn.equals(other.closedOn)
                && Objects.equals(currency, other.currency) && Objects.equals(story, other.story)
                && (amount == null ? other.amount == null : other.amount != null && amount.compareTo(other.amount) == 0);
    }

    /** "WON, 50000 USD, closed on 2026-11-30": the audit line's words for this outcome (no story). */
    public String describe() {
        return result + (amount == null ? "" : ", " + amount.toPlainString() + " " + currency) + ", closed on "
                + closedOn;
    }

    /** What a correction changed, for the audit: "result WON → LOST; amount 50000 USD → none; story". */
    public String changesFrom(Outcome before) {
        List<String> changed = new ArrayList<>();
        if (result != before.result) {
            changed.add("result " + before.result + " → " + result);
        }
        boolean sameAmount = amount == null ? before.amount == null
                : before.amount != null && amount.compareTo(before.amount) == 0 && currency.equals(before.currency);
        if (!sameAmount) {
            changed.add("amount " + money(before) + " → " + money(this));
        }
        if (!closedOn.equals(before.closedOn)) {
            changed.add("closed on " + before.closedOn + " → " + closedOn);
        }
        if (!Objects.equals(story, before.story)) {
            changed.add("story " + (before.story == null ? "added" : story == null ? "removed" : "changed"));
        }
        return String.join("; ", changed);
    }

    private static String money(Outcome o) {
        return o.amount == null ? "none" : o.amount.toPlainString() + " " + o.currency;
    }
}
