package app.rapport.advocate.service;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.Advocate;
import app.rapport.advocate.domain.AdvocateRules;
import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Profile;
import app.rapport.advocate.domain.Violation;
import app.rapport.advocate.integrationevents.events.AdvocateEvents;
import app.rapport.advocate.mapping.ImportColumns;
import app.rapport.advocate.mapping.ImportRow;
import app.rapport.advocate.repository.AdvocateRepository;
import app.rapport.advocate.repository.DuplicateFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Upserts one import row: the advocate with the row's externalId, else the one with its email, else
 * a new one. A row that would change nothing writes nothing and publishes nothing, which is what
 * makes re-importing a file a no-op. Creations publish {@code registered}, changes {@code updated}
 * (with {@code changedFields}; {@code previousOwnerId} too when the row moved the advocate to
 * another owner).
 *
 * <p>Round trips are what an import costs, so a row with an unknown externalId is inserted straight
 * away: the unique index on email says whether an advocate has that email already, and only then is
 * it looked up.
 */
@ApplicationScoped
public class ImportRowApplier {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** A row that cannot be imported, with a reason fit for the job's rejected list (no contact details). */
    public static class RowRejected extends RuntimeException {
        public RowRejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What one job remembers between rows: the accounts it upserted (bounded). */
    public static final class JobMemo {
        final Map<String, Account> accounts = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Account> eldest) {
                return size() > 2_000;
            }
        };
    }

    @Inject
    AdvocateService service;

    @Inject
    AdvocateRepository advocates;

    public Outcome apply(ImportRow row, String by, JobMemo memo) {
        try {
            return upsert(row, by, memo);
        } catch (DomainException e) {
            throw new RowRejected(describe(e.violations()));
        }
    }

    private Outcome upsert(ImportRow row, String by, JobMemo memo) {
        String externalId = row.externalId();
        String email = row.email();
        for (int attempt = 1; ; attempt++) {
            Optional<Advocate> target = externalId == null ? Optional.empty() : advocates.findByExternalId(externalId);
            if (target.isEmpty() && email != null && externalId == null) {
                target = advocates.findByEmail(email);
            }
            try {
                if (target.isPresent()) {
                    return update(target.get(), row, by, memo);
                }
                return create(row, by, memo);
            } catch (DuplicateFieldException e) {
                if (e.field().equals("email") && target.isEmpty() && externalId != null) {
                    // a new externalId whose email an advocate already has: that advocate is the one
                    Advocate byEmail = advocates.findByEmail(email).orElse(null);
                    if (byEmail != null && byEmail.profile().externalId() != null
                            && !byEmail.profile().externalId().equals(externalId)) {
                        throw new RowRejected("email is already used by the advocate with externalId '"
                                + byEmail.profile().externalId() + "'");
                    }
                    if (byEmail != null) {
                        try {
                            return update(byEmail, row, by, memo);
                        } catch (DuplicateFieldException again) {
                            e = again;
                        }
                    }
                }
                // someone (another row, another import, the API) took the key in between: look again once
                if (attempt >= 2) {
                    throw new RowRejected(e.field() + " is already used by another advocate");
                }
            }
        }
    }

    private Outcome create(ImportRow row, String by, JobMemo memo) {
        String owner = row.ownerId();
        Profile profile = AdvocateRules.accept(row.applyTo(null), owner);
        service.insert(Advocate.register(AdvocateService.newId(), profile, owner, service.now()), by, memo.accounts);
        return Outcome.CREATED;
    }

    private Outcome update(Advocate read, ImportRow row, String by, JobMemo memo) {
        AdvocateService.Result result = service.mutate(read.id(), read, null, current -> {
            String owner = row.has(ImportColumns.OWNER_ID) ? row.ownerId() : current.ownerId();
            Profile next = AdvocateRules.accept(row.applyTo(current.profile()), owner);
            List<String> changed = new ArrayList<>(next.changedFields(current.profile()));
            boolean ownerChanged = !owner.equals(current.ownerId());
            if (ownerChanged) {
                changed.add("ownerId");
            }
            if (changed.isEmpty()) {
                return null;
            }
            String previousOwner = ownerChanged ? current.ownerId() : null;
            return new AdvocateService.Planned(current.withProfile(next).withOwner(owner),
                    after -> AdvocateEvents.updated(after, changed, previousOwner, by));
        }, memo.accounts);
        return result.changed() ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    static String describe(List<Violation> violations) {
        return violations.stream().map(v -> ImportRow.column(v.field()) + " " + v.message())
                .collect(Collectors.joining("; "));
    }
}
