package app.rapport.advocate.imports.service;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.Advocate;
import app.rapport.advocate.domain.AdvocateRules;
import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Profile;
import app.rapport.advocate.domain.Violation;
import app.rapport.advocate.imports.mapping.ImportColumns;
import app.rapport.advocate.imports.mapping.ImportRow;
import app.rapport.advocate.integrationevents.events.AdvocateEvents;
import app.rapport.advocate.repository.AccountRepository;
import app.rapport.advocate.repository.AdvocateRepository;
import app.rapport.advocate.repository.DuplicateFieldException;
import app.rapport.advocate.service.AdvocateService;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    private static final Logger LOG = Logger.getLogger(ImportRowApplier.class);

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

    @Inject
    AccountRepository accounts;

    @Inject
    OutboxRelayService relay;

    /** What became of one row of a batch: an outcome, or the reason it was rejected. */
    public record RowResult(Outcome outcome, String rejected) {
        static RowResult of(Outcome o) {
            return new RowResult(o, null);
        }

        static RowResult reject(String reason) {
            return new RowResult(null, reason);
        }
    }

    /**
     * Applies a batch of rows as {@link #apply} would one by one, in their order, with a bounded
     * number of round trips: one {@code $in} read by externalId and one by email (both served by
     * unique indexes), the rows worked out in memory against what was read and what earlier rows of
     * the batch did, then one bulk write of the advocates (each still one document with its own
     * outbox entries; two rows of one advocate make one write with both events) and one of their
     * accounts. A write that fails because another writer got in between (a version moved on, a key
     * taken) wrote nothing; its rows are then applied again one by one, by {@link #apply}.
     *
     * @return per row, in order, its outcome or why it was rejected
     */
    public List<RowResult> applyBatch(List<ImportRow> rows, String by, JobMemo memo) {
        WorkingSet ws = new WorkingSet(service.now());
        Set<String> externalIds = new HashSet<>();
        Set<String> emailKeys = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.externalId() != null) {
                externalIds.add(row.externalId());
            }
            if (row.email() != null) {
                emailKeys.add(row.email().toLowerCase(Locale.ROOT));
            }
        }
        advocates.findByExternalIds(externalIds).forEach(ws::known);
        advocates.findByEmailKeys(emailKeys).forEach(ws::known);

        List<RowResult> results = new ArrayList<>(rows.size());
        List<String> touched = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            ws.touched = null;
            try {
                results.add(RowResult.of(ws.upsert(row, by)));
            } catch (DomainException e) {
                results.add(RowResult.reject(describe(e.violations())));
            } catch (RowRejected e) {
                results.add(RowResult.reject(e.getMessage()));
            }
            touched.add(ws.touched);
        }

        List<AdvocateRepository.Write> writes = new ArrayList<>();
        List<String> writeIds = new ArrayList<>();
        Map<String, Account> batchAccounts = new LinkedHashMap<>();
        for (Entry e : ws.changed.values()) {
            writes.add(new AdvocateRepository.Write(e.state, e.storedVersion, e.events));
            writeIds.add(e.state.id());
        }
        Set<String> failed = new HashSet<>();
        if (!writes.isEmpty()) {
            List<DuplicateFieldException> outcome = advocates.writeAll(writes);
            for (int i = 0; i < outcome.size(); i++) {
                if (outcome.get(i) != null) {
                    failed.add(writeIds.get(i));
                }
            }
            relay.nudge();
        }
        for (Entry e : ws.changed.values()) {
            if (!failed.contains(e.state.id())) {
                e.accounts.forEach(a -> {
                    if (!a.equals(memo.accounts.get(a.id()))) {
                        batchAccounts.remove(a.id());
                        batchAccounts.put(a.id(), a);
                    }
                });
            }
        }
        if (!batchAccounts.isEmpty()) {
            try {
                accounts.upsertAll(batchAccounts.values(), ws.now);
                batchAccounts.values().forEach(a -> memo.accounts.put(a.id(), a));
            } catch (RuntimeException e) {
                // a derived read model: the advocates are committed; the next write of an account repairs it
                LOG.warnf("could not upsert %d accounts of an import batch: %s", batchAccounts.size(), e.toString());
            }
        }
        if (!failed.isEmpty()) {
            LOG.debugf("%d advocates of an import batch were changed concurrently; applying their rows one by one",
                    failed.size());
            for (int i = 0; i < rows.size(); i++) {
                if (touched.get(i) != null && failed.contains(touched.get(i))) {
                    try {
                        results.set(i, RowResult.of(apply(rows.get(i), by, memo)));
                    } catch (RowRejected e) {
                        results.set(i, RowResult.reject(e.getMessage()));
                    } catch (ApiException e) {
                        results.set(i, RowResult.reject(e.problem().detail));
                    }
                }
            }
        }
        return results;
    }

    /** An advocate as the batch leaves it: the state to write, the version stored, the events. */
    private static final class Entry {
        Advocate state;
        final Long storedVersion; // null: created by this batch
        final List<OutboxEvent> events = new ArrayList<>();
        final List<Account> accounts = new ArrayList<>();

        Entry(Advocate state, Long storedVersion) {
            this.state = state;
            this.storedVersion = storedVersion;
        }
    }

    /**
     * The advocates a batch can reach (read up front, or created and changed by its earlier rows),
     * by id, externalId and email: the unique indexes' view, in memory. The logic is that of
     * {@link #upsert}, with these maps in place of the queries and the indexes.
     */
    private final class WorkingSet {
        final Instant now;
        final Map<String, Advocate> byId = new HashMap<>();
        final Map<String, String> byExternalId = new HashMap<>();
        final Map<String, String> byEmailKey = new HashMap<>();
        final Map<String, Entry> changed = new LinkedHashMap<>();
        String touched;

        WorkingSet(Instant now) {
            this.now = now;
        }

        void known(Advocate a) {
            if (byId.putIfAbsent(a.id(), a) == null) {
                index(a);
            }
        }

        private void index(Advocate a) {
            if (a.profile().externalId() != null) {
                byExternalId.put(a.profile().externalId(), a.id());
            }
            if (a.profile().emailKey() != null) {
                byEmailKey.put(a.profile().emailKey(), a.id());
            }
        }

        private void unindex(Advocate a) {
            if (a.profile().externalId() != null) {
                byExternalId.remove(a.profile().externalId(), a.id());
            }
            if (a.profile().emailKey() != null) {
                byEmailKey.remove(a.profile().emailKey(), a.id());
            }
        }

        Optional<Advocate> findByExternalId(String externalId) {
            return Optional.ofNullable(byExternalId.get(externalId)).map(byId::get);
        }

        Optional<Advocate> findByEmail(String email) {
            return Optional.ofNullable(byEmailKey.get(email.toLowerCase(Locale.ROOT))).map(byId::get);
        }

        /** As the unique indexes would: the key an advocate other than {@code id} already has. */
        private void checkKeys(String id, Profile p) {
            if (p.externalId() != null) {
                String holder = byExternalId.get(p.externalId());
                if (holder != null && !holder.equals(id)) {
                    throw new DuplicateFieldException("externalId");
                }
            }
            if (p.emailKey() != null) {
                String holder = byEmailKey.get(p.emailKey());
                if (holder != null && !holder.equals(id)) {
                    throw new DuplicateFieldException("email");
                }
            }
        }

        Outcome upsert(ImportRow row, String by) {
            String externalId = row.externalId();
            String email = row.email();
            for (int attempt = 1; ; attempt++) {
                Optional<Advocate> target = externalId == null ? Optional.empty() : findByExternalId(externalId);
                if (target.isEmpty() && email != null && externalId == null) {
                    target = findByEmail(email);
                }
                try {
                    if (target.isPresent()) {
                        return update(target.get(), row, by);
                    }
                    return create(row, by);
                } catch (DuplicateFieldException e) {
                    if (e.field().equals("email") && target.isEmpty() && externalId != null) {
                        Advocate byEmail = findByEmail(email).orElse(null);
                        if (byEmail != null && byEmail.profile().externalId() != null
                                && !byEmail.profile().externalId().equals(externalId)) {
                            throw new RowRejected("email is already used by the advocate with externalId '"
                                    + byEmail.profile().externalId() + "'");
                        }
                        if (byEmail != null) {
                            try {
                                return update(byEmail, row, by);
                            } catch (DuplicateFieldException again) {
                                e = again;
                            }
                        }
                    }
                    if (attempt >= 2) {
                        throw new RowRejected(e.field() + " is already used by another advocate");
                    }
                }
            }
        }

        private Outcome create(ImportRow row, String by) {
            String owner = row.ownerId();
            Profile profile = AdvocateRules.accept(row.applyTo(null), owner);
            Advocate advocate = Advocate.register(AdvocateService.newId(), profile, owner, now);
            checkKeys(advocate.id(), profile);
            Entry e = new Entry(advocate, null);
            e.events.add(AdvocateEvents.registered(advocate, by));
            if (profile.account() != null) {
                e.accounts.add(profile.account());
            }
            changed.put(advocate.id(), e);
            byId.put(advocate.id(), advocate);
            index(advocate);
            touched = advocate.id();
            return Outcome.CREATED;
        }

        private Outcome update(Advocate current, ImportRow row, String by) {
            touched = current.id();
            String owner = row.has(ImportColumns.OWNER_ID) ? row.ownerId() : current.ownerId();
            Profile next = AdvocateRules.accept(row.applyTo(current.profile()), owner);
            List<String> changedFields = new ArrayList<>(next.changedFields(current.profile()));
            boolean ownerChanged = !owner.equals(current.ownerId());
            if (ownerChanged) {
                changedFields.add("ownerId");
            }
            if (changedFields.isEmpty()) {
                return Outcome.UNCHANGED;
            }
            checkKeys(current.id(), next);
            String previousOwner = ownerChanged ? current.ownerId() : null;
            Advocate after = current.withProfile(next, LocalDate.ofInstant(now, ZoneOffset.UTC)).withOwner(owner)
                    .nextVersion(now);
            Entry e = changed.computeIfAbsent(current.id(), id -> new Entry(current, current.version()));
            e.state = after;
            e.events.add(AdvocateEvents.updated(after, changedFields, previousOwner, by));
            if (next.account() != null && !Objects.equals(current.profile().account(), next.account())) {
                e.accounts.add(next.account());
            }
            unindex(current);
            byId.put(after.id(), after);
            index(after);
            return Outcome.UPDATED;
        }
    }

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
            return new AdvocateService.Planned(current.withProfile(next, service.today()).withOwner(owner),
                    after -> AdvocateEvents.updated(after, changed, previousOwner, by));
        }, memo.accounts);
        return result.changed() ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    static String describe(List<Violation> violations) {
        return violations.stream().map(v -> ImportRow.column(v.field()) + " " + v.message())
                .collect(Collectors.joining("; "));
    }
}
