package app.rapport.advocate.service;

import app.rapport.advocate.domain.Account;
import app.rapport.events.vocabulary.Activity;
import app.rapport.advocate.domain.Advocate;
import app.rapport.advocate.domain.AdvocateRules;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.advocate.domain.Busy;
import app.rapport.advocate.domain.Consents;
import app.rapport.advocate.domain.BusyRules;
import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Leave;
import app.rapport.advocate.domain.LeaveRules;
import app.rapport.advocate.domain.Profile;
import app.rapport.advocate.domain.Text;
import app.rapport.advocate.domain.Violation;
import app.rapport.advocate.integrationevents.events.AdvocateEvents;
import app.rapport.advocate.mapping.AdvocateDocuments;
import app.rapport.advocate.repository.AccountRepository;
import app.rapport.advocate.repository.AdvocateRepository;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.web.ApiException;
import app.rapport.web.FieldError;
import app.rapport.web.PageRequest;
import app.rapport.web.Problem;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The use cases on advocates. Every change is computed in Java from the state read, then written in
 * one version-conditional update that also appends exactly one event to the document's outbox. When
 * another writer got in between, the change is recomputed on the fresh state (or, when the caller
 * pinned a version with If-Match, refused with 412): nobody silently overwrites anybody.
 */
@ApplicationScoped
public class AdvocateService {
    private static final Logger LOG = Logger.getLogger(AdvocateService.class);
    static final int MAX_ATTEMPTS = 10;

    @Inject
    AdvocateRepository advocates;

    @Inject
    AccountRepository accounts;

    @Inject
    OutboxRelayService relay;

    @Inject
    Clock clock;

    /** A planned change: the state after it (version not yet bumped) and the event it publishes. */
    public record Planned(Advocate state, Function<Advocate, OutboxEvent> event) {
    }

    /** The advocate after a mutation, and whether anything changed (and so was published). */
    public record Result(Advocate advocate, boolean changed) {
    }

    // ---- create and read ---------------------------------------------------------------------------

    public Advocate create(Profile raw, String ownerId, String by) {
        Profile profile = AdvocateRules.accept(raw, ownerId);
        Advocate advocate = Advocate.register(newId(), profile, Text.clean(ownerId), now());
        insert(advocate, by);
        return advocate;
    }

    /** Inserts a brand-new advocate with its registered event. */
    public void insert(Advocate advocate, String by) {
        insert(advocate, by, null);
    }

    /**
     * Inserts a brand-new advocate with its registered event; {@code accountMemo} (may be null) remembers
     * the accounts already upserted by the caller (an import), to skip writing the same account again.
     */
    public void insert(Advocate advocate, String by, Map<String, Account> accountMemo) {
        advocates.insert(advocate, AdvocateEvents.registered(advocate, by));
        relay.nudge();
        upsertAccount(null, advocate, accountMemo);
    }

    public Advocate get(String id) {
        return advocates.findById(id).orElseThrow(() -> ApiException.notFound("No advocate with id " + id));
    }

    public AdvocateRepository.Page search(AdvocateQuery query, PageRequest page) {
        List<FieldError> errors = new ArrayList<>();
        List<Bson> filters = new ArrayList<>();
        String q = Text.clean(query.q());
        if (q != null) {
            Pattern p = Pattern.compile(Pattern.quote(q), Pattern.CASE_INSENSITIVE);
            filters.add(Filters.or(Filters.regex(AdvocateDocuments.NAME, p), Filters.regex(AdvocateDocuments.TITLE, p),
                    Filters.regex(AdvocateDocuments.ACCOUNT_NAME, p)));
        }
        if (Text.clean(query.accountId()) != null) {
            filters.add(Filters.eq(AdvocateDocuments.ACCOUNT_ID, Text.clean(query.accountId())));
        }
        if (Text.clean(query.ownerId()) != null) {
            filters.add(Filters.eq(AdvocateDocuments.OWNER_ID, Text.clean(query.ownerId())));
        }
        if (Text.clean(query.tag()) != null) {
            filters.add(Filters.regex(AdvocateDocuments.TAGS,
                    Pattern.compile("^" + Pattern.quote(Text.clean(query.tag())) + "$", Pattern.CASE_INSENSITIVE)));
        }
        if (Text.clean(query.activity()) != null) {
            Optional<Activity> a = Activity.parse(query.activity());
            if (a.isEmpty()) {
                errors.add(new FieldError("activity", "must be one of " + Activity.allowed()));
            } else {
                filters.add(Filters.eq(AdvocateDocuments.ACTIVITIES, a.get().name()));
            }
        }
        if (Text.clean(query.status()) != null) {
            Optional<AdvocateStatus> s = AdvocateStatus.parse(query.status());
            if (s.isEmpty()) {
                errors.add(new FieldError("status", "must be one of " + AdvocateStatus.allowed()));
            } else {
                filters.add(Filters.eq(AdvocateDocuments.STATUS, s.get().name()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid search parameters", errors);
        }
        return advocates.search(filters.isEmpty() ? Filters.empty() : Filters.and(filters), page);
    }

    // ---- changes --------------------------------------------------------------------------------------

    /** Applies a change to the profile (a merge patch, say); no event when nothing changes. */
    public Result updateProfile(String id, Long ifMatch, Function<Profile, Profile> change, String by) {
        return mutate(id, ifMatch, current -> {
            Profile next = AdvocateRules.accept(change.apply(current.profile()), current.ownerId());
            List<String> changed = next.changedFields(current.profile());
            if (changed.isEmpty()) {
                return null;
            }
            return new Planned(current.withProfile(next, today()), after -> AdvocateEvents.updated(after, changed, null, by));
        });
    }

    public Result changeOwner(String id, Long ifMatch, String ownerId, String by) {
        String owner = Text.clean(ownerId);
        if (owner == null) {
            throw new DomainException("ownerId", "must not be blank");
        }
        if (owner.length() > AdvocateRules.MAX_ID) {
            throw new DomainException("ownerId", "must be at most " + AdvocateRules.MAX_ID + " characters");
        }
        return mutate(id, ifMatch, current -> owner.equals(current.ownerId()) ? null
                : new Planned(current.withOwner(owner),
                        after -> AdvocateEvents.ownerChanged(after, current.ownerId(), by)));
    }

    public Result changeStatus(String id, Long ifMatch, String status, String by) {
        AdvocateStatus s = AdvocateStatus.parse(status).orElseThrow(() -> new DomainException("status",
                status == null ? "must not be null" : "must be one of " + AdvocateStatus.allowed()));
        return mutate(id, ifMatch, current -> current.status() == s ? null
                : new Planned(current.withStatus(s),
                        after -> AdvocateEvents.statusChanged(after, current.status(), by)));
    }

    /** Schedules a leave with the given id (chosen by the caller, so that a retry keeps it). */
    public Result scheduleLeave(String id, Long ifMatch, Leave leave, String by) {
        List<Violation> v = LeaveRules.validate(leave.from(), leave.to(), leave.reason());
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
        return mutate(id, ifMatch, current -> {
            List<Leave> leaves = LeaveRules.schedule(current.leaves(), leave);
            Leave stored = LeaveRules.find(leaves, leave.id()).orElseThrow();
            return new Planned(current.withLeaves(leaves), after -> AdvocateEvents.leaveScheduled(after, stored, by));
        });
    }

    public Result cancelLeave(String id, Long ifMatch, String leaveId, String by) {
        return mutate(id, ifMatch, current -> {
            Leave leave = LeaveRules.find(current.leaves(), leaveId).orElseThrow(
                    () -> ApiException.notFound("Advocate " + id + " has no leave " + leaveId));
            return new Planned(current.withLeaves(LeaveRules.cancel(current.leaves(), leaveId)),
                    after -> AdvocateEvents.leaveCancelled(after, leave, by));
        });
    }

    /**
     * POST /api/advocates/{id}/consents: the owner re-confirmed these opt-ins in person today. Publishes
     * {@code updated} with {@code changedFields: ["consents"]} (also when the days were already today's:
     * a confirmation is news; nothing else changes). {@code read} is the advocate as the caller just
     * read it (to check who may do this): the first attempt starts from it instead of reading again.
     */
    public Result reconfirmConsents(Advocate read, Long ifMatch, List<String> activities, String by) {
        return mutate(read.id(), read, ifMatch, current -> {
            var next = Consents.reconfirm(current.consents(), current.profile().activities(), activities, today());
            return new Planned(current.withConsents(next),
                    after -> AdvocateEvents.updated(after, List.of("consents"), null, by));
        }, null);
    }

    public Result setBusy(String id, Long ifMatch, LocalDate until, String note, String by) {
        Busy busy = BusyRules.accept(until, note, LocalDate.now(clock));
        return mutate(id, ifMatch, current -> busy.equals(current.busy()) ? null
                : new Planned(current.withBusy(busy), after -> AdvocateEvents.busySet(after, by)));
    }

    public Result clearBusy(String id, Long ifMatch, String by) {
        return mutate(id, ifMatch, current -> current.busy() == null ? null
                : new Planned(current.withBusy(null), after -> AdvocateEvents.busyCleared(after, by)));
    }

    /**
     * The one way an existing advocate changes: read, plan, write if the version is still the one
     * read. {@code plan} returns null when there is nothing to change (no write, no event). It runs
     * again on the fresh state when another writer won, unless the caller pinned {@code ifMatch}.
     */
    public Result mutate(String id, Long ifMatch, Function<Advocate, Planned> plan) {
        return mutate(id, null, ifMatch, plan, null);
    }

    /**
     * As {@link #mutate(String, Long, Function)}, starting from {@code firstRead} (the state the caller
     * just read, or null to read it here) and remembering upserted accounts in {@code accountMemo}.
     */
    public Result mutate(String id, Advocate firstRead, Long ifMatch, Function<Advocate, Planned> plan,
            Map<String, Account> accountMemo) {
        for (int attempt = 1; ; attempt++) {
            Advocate current = attempt == 1 && firstRead != null ? firstRead : get(id);
            if (ifMatch != null && current.version() != ifMatch) {
                throw stale(ifMatch, current.version());
            }
            Planned planned = plan.apply(current);
            if (planned == null) {
                return new Result(current, false);
            }
            Advocate next = planned.state().nextVersion(now());
            if (advocates.replaceIfVersion(next, current.version(), planned.event().apply(next))) {
                relay.nudge();
                upsertAccount(current, next, accountMemo);
                return new Result(next, true);
            }
            if (ifMatch != null) {
                throw stale(ifMatch, advocates.findById(id).map(Advocate::version).orElse(current.version() + 1));
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new ApiException(Problem.of(409, "Conflict", "Advocate " + id
                        + " is being changed by others right now; try again"));
            }
            LOG.debugf("advocate %s changed concurrently (attempt %d); recomputing", id, attempt);
        }
    }

    private static ApiException stale(long expected, long current) {
        return new ApiException(Problem.of(412, "Precondition Failed", "The advocate is at version " + current
                + ", not " + expected + " (If-Match): someone changed it since you read it. Read it again and "
                + "reapply your change.").with("currentVersion", current));
    }

    private void upsertAccount(Advocate before, Advocate after, Map<String, Account> memo) {
        Account account = after.profile().account();
        if (account == null) {
            return;
        }
        if (before != null && Objects.equals(before.profile().account(), account)) {
            return;
        }
        if (memo != null && account.equals(memo.get(account.id()))) {
            return;
        }
        try {
            accounts.upsert(account, after.updatedAt());
            if (memo != null) {
                memo.put(account.id(), account);
            }
        } catch (RuntimeException e) {
            // a derived read model: the advocate is committed; the next write of the account repairs it
            LOG.warnf("could not upsert account %s: %s", after.profile().account().id(), e.toString());
        }
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Today in UTC, the day opt-ins are confirmed on. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    public static String newId() {
        return "adv-" + UUID.randomUUID();
    }

    public static String newLeaveId() {
        return "lv-" + UUID.randomUUID();
    }
}
