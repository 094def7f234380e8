package app.rapport.advocate.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Leaves: {@code to} ≥ {@code from}, several allowed, none overlapping another. */
public final class LeaveRules {
    public static final int MAX_REASON = 500;
    public static final int MAX_LEAVES = 100;

    /** Checks a requested leave on its own (both dates there, {@code to} not before {@code from}). */
    public static List<Violation> validate(LocalDate from, LocalDate to, String reason) {
        List<Violation> v = new ArrayList<>();
        if (from == null) {
            v.add(new Violation("from", "must not be null"));
        }
        if (to == null) {
            v.add(new Violation("to", "must not be null"));
        }
        if (from != null && to != null && to.isBefore(from)) {
            v.add(new Violation("to", "must be on or after from (" + from + ")"));
        }
        if (reason != null && reason.strip().length() > MAX_REASON) {
            v.add(new Violation("reason", "must be at most " + MAX_REASON + " characters"));
        }
        return v;
    }

    /**
     * The leaves after scheduling {@code leave}, sorted by start.
     *
     * @throws DomainException when the leave is invalid or overlaps one already scheduled
     */
    public static List<Leave> schedule(List<Leave> existing, Leave leave) {
        List<Violation> v = validate(leave.from(), leave.to(), leave.reason());
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
        for (Leave other : existing) {
            if (other.overlaps(leave)) {
                throw new DomainException("from", "the leave " + leave.from() + ".." + leave.to()
                        + " overlaps leave " + other.id() + " (" + other.from() + ".." + other.to() + ")");
            }
        }
        if (existing.size() >= MAX_LEAVES) {
            throw new DomainException("from", "an advocate can have at most " + MAX_LEAVES
                    + " leaves; cancel old ones first");
        }
        List<Leave> next = new ArrayList<>(existing);
        next.add(new Leave(leave.id(), leave.from(), leave.to(), Text.clean(leave.reason())));
        next.sort(Comparator.comparing(Leave::from).thenComparing(Leave::id));
        return List.copyOf(next);
    }

    public static Optional<Leave> find(List<Leave> leaves, String leaveId) {
        return leaves.stream().filter(l -> l.id().equals(leaveId)).findFirst();
    }

    /** The leaves without {@code leaveId} (unchanged when there is no such leave). */
    public static List<Leave> cancel(List<Leave> leaves, String leaveId) {
        return leaves.stream().filter(l -> !l.id().equals(leaveId)).toList();
    }

    private LeaveRules() {
    }
}
