package app.rapport.ask.domain.usage;

import app.rapport.ask.domain.eligibility.AccountView;
import app.rapport.ask.domain.eligibility.Usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A usage ledger: one small document per advocate, per account or per owner, holding the uses of the
 * last {@value #KEEP_DAYS} days (for an owner: the asks routed to them, kind ROUTED), for an advocate
 * their open asks and their gives, and for an account its situation. A decision reads it by key
 * instead of counting history.
 *
 * @param version   0 when the ledger does not exist yet; every change to {@code uses} or {@code open} adds
 *                  one, and a reservation is conditional on the version the decision was made on (gives and
 *                  the situation do not change it: they never let a cap be exceeded)
 * @param gives     an advocate's THANK_YOU, CHECK_IN and GIFT touchpoints (kind GIVE), for GIVE_TAKE_BALANCE
 * @param situation an account's situation (ACCOUNT_AT_RISK, RENEWAL_WINDOW, DETRACTOR), or null
 */
public record Ledger(String id, long version, List<Entry> uses, List<OpenEntry> open, List<Entry> gives,
        AccountView situation) {
    /** Uses older than this are trimmed (the 90-day budgets need 90; issue 13's give/take balance 180). */
    public static final int KEEP_DAYS = 180;
    /** At most this many uses are kept, whatever their dates. */
    public static final int MAX_USES = 200;

    public Ledger {
        uses = uses == null ? List.of() : List.copyOf(uses);
        open = open == null ? List.of() : List.copyOf(open);
        gives = gives == null ? List.of() : List.copyOf(gives);
    }

    public Ledger(String id, long version, List<Entry> uses, List<OpenEntry> open) {
        this(id, version, uses, open, List.of(), null);
    }

    public static Ledger empty(String id) {
        return new Ledger(id, 0, List.of(), List.of());
    }

    /**
     * One use. {@code kind} ASK (ref = askId, dated the day it was sent) or TOUCHPOINT (ref =
     * touchpointId, a MANUAL ACTIVITY). {@code pending} marks a reservation whose ask has not been
     * confirmed SENT yet; it counts all the same.
     */
    public record Entry(String kind, String ref, String advocateId, LocalDate date, String activity, boolean pending,
            Instant at) {
        public Usage.Use toUse() {
            return switch (kind) {
                case "ASK" -> Usage.Use.ask(ref, advocateId, date, activity);
                case "GIVE" -> Usage.Use.give(ref, advocateId, date, activity);
                case "ROUTED" -> Usage.Use.routed(ref, advocateId, date, activity);
                default -> Usage.Use.touchpoint(ref, advocateId, date, activity);
            };
        }

        public Entry confirmed() {
            return new Entry(kind, ref, advocateId, date, activity, false, at);
        }
    }

    /** An open ask of the advocate, as the ledger last heard of it. */
    public record OpenEntry(String askId, String activity, String status, Instant at) {
    }

    public boolean holds(String ref) {
        return uses.stream().anyMatch(u -> u.ref().equals(ref));
    }

    /** The uses as the gate sees them, without the use of {@code exceptRef} (the ask being sent). */
    public List<Usage.Use> usesExcept(String exceptRef) {
        return uses.stream().filter(u -> exceptRef == null || !u.ref().equals(exceptRef)).map(Entry::toUse).toList();
    }

    /** The gives as the gate sees them. */
    public List<Usage.Use> givesAsUses() {
        return gives.stream().map(Entry::toUse).toList();
    }

    /** Whether some entries (uses or gives) are old enough to trim. */
    public boolean hasExpired(LocalDate today) {
        LocalDate cutoff = today.minusDays(KEEP_DAYS);
        return uses.stream().anyMatch(u -> !u.date().isAfter(cutoff))
                || gives.stream().anyMatch(g -> !g.date().isAfter(cutoff));
    }
}
