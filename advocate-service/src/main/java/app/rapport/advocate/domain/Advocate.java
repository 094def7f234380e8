package app.rapport.advocate.domain;

import java.time.Instant;
import java.util.List;

/**
 * An advocate as advocate-service keeps it. Immutable: every change makes a new value, which is then
 * written with a version-conditional update.
 */
public record Advocate(
        String id,
        Profile profile,
        String ownerId,
        AdvocateStatus status,
        List<Leave> leaves,
        Busy busy,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public Advocate {
        leaves = leaves == null ? List.of() : List.copyOf(leaves);
    }

    /** A new advocate: ACTIVE, no leave, not busy, version 1. */
    public static Advocate register(String id, Profile profile, String ownerId, Instant now) {
        return new Advocate(id, profile, ownerId, AdvocateStatus.ACTIVE, List.of(), null, 1, now, now);
    }

    public Advocate withProfile(Profile p) {
        return new Advocate(id, p, ownerId, status, leaves, busy, version, createdAt, updatedAt);
    }

    public Advocate withOwner(String owner) {
        return new Advocate(id, profile, owner, status, leaves, busy, version, createdAt, updatedAt);
    }

    public Advocate withStatus(AdvocateStatus s) {
        return new Advocate(id, profile, ownerId, s, leaves, busy, version, createdAt, updatedAt);
    }

    public Advocate withLeaves(List<Leave> l) {
        return new Advocate(id, profile, ownerId, status, l, busy, version, createdAt, updatedAt);
    }

    public Advocate withBusy(Busy b) {
        return new Advocate(id, profile, ownerId, status, leaves, b, version, createdAt, updatedAt);
    }

    /** The same state one version later, stamped {@code now}. */
    public Advocate nextVersion(Instant now) {
        return new Advocate(id, profile, ownerId, status, leaves, busy, version + 1, createdAt, now);
    }
}
