package app.rapport.advocate.domain;

import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * An advocate as advocate-service keeps it. Immutable: every change makes a new value, which is then
 * written with a version-conditional update.
 *
 * @param consents per opted-in activity, the day the opt-in was last confirmed ({@link Consents})
 */
public record Advocate(
        String id,
        Profile profile,
        String ownerId,
        AdvocateStatus status,
        List<Leave> leaves,
        Busy busy,
        Map<String, LocalDate> consents,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public Advocate {
        leaves = leaves == null ? List.of() : List.copyOf(leaves);
        consents = consents == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(consents));
    }

    /** A new advocate: ACTIVE, no leave, not busy, every opt-in confirmed today, version 1. */
    public static Advocate register(String id, Profile profile, String ownerId, Instant now) {
        return new Advocate(id, profile, ownerId, AdvocateStatus.ACTIVE, List.of(), null,
                Consents.follow(Map.of(), List.of(), profile.activities(), LocalDate.ofInstant(now, ZoneOffset.UTC)), 1,
                now, now);
    }

    /** The new profile; an activity newly opted in is confirmed on {@code today}, one opted out is forgotten. */
    public Advocate withProfile(Profile p, LocalDate today) {
        return new Advocate(id, p, ownerId, status, leaves, busy,
                Consents.follow(consents, profile.activities(), p.activities(), today), version, createdAt, updatedAt);
    }

    public Advocate withOwner(String owner) {
        return new Advocate(id, profile, owner, status, leaves, busy, consents, version, createdAt, updatedAt);
    }

    public Advocate withStatus(AdvocateStatus s) {
        return new Advocate(id, profile, ownerId, s, leaves, busy, consents, version, createdAt, updatedAt);
    }

    public Advocate withLeaves(List<Leave> l) {
        return new Advocate(id, profile, ownerId, status, l, busy, consents, version, createdAt, updatedAt);
    }

    public Advocate withBusy(Busy b) {
        return new Advocate(id, profile, ownerId, status, leaves, b, consents, version, createdAt, updatedAt);
    }

    public Advocate withConsents(Map<String, LocalDate> c) {
        return new Advocate(id, profile, ownerId, status, leaves, busy, c, version, createdAt, updatedAt);
    }

    /** The same state one version later, stamped {@code now}. */
    public Advocate nextVersion(Instant now) {
        return new Advocate(id, profile, ownerId, status, leaves, busy, consents, version + 1, createdAt, now);
    }
}
