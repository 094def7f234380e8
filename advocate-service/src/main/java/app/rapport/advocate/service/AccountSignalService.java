package app.rapport.advocate.service;

import app.rapport.advocate.domain.AdvocateRules;
import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.account.AccountSignal;
import app.rapport.advocate.domain.account.AccountSituation;
import app.rapport.advocate.mapping.AccountSituationDocuments;
import app.rapport.advocate.repository.AccountRepository;
import app.rapport.advocate.repository.AccountRepository.SignalWrite;
import app.rapport.advocate.repository.AccountRepository.StoredSituation;
import app.rapport.events.EventJson;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.OutboxRelayService;
import app.rapport.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Account signals, from REST or from the {@code account-signals} topic: each folded into the
 * account's situation once per signal id, stored with the {@code rapport.account.situation-changed.v1}
 * event it causes in one single-document write, and published by the relay.
 */
@ApplicationScoped
public class AccountSignalService {
    /** Rounds of read, fold and conditional write before giving up on a busy account. */
    static final int ATTEMPTS = 20;

    @Inject
    AccountRepository accounts;

    @Inject
    OutboxRelayService relay;

    @Inject
    Clock clock;

    /**
     * @param applied   false when this signal id had been applied before (nothing changed now)
     * @param changed   whether the situation changed (an older signal, or a repeat, changes nothing)
     * @param version   the situation's version after it
     */
    public record Result(String accountId, String signalId, boolean applied, boolean changed, long version,
            AccountSituation situation) {
    }

    /** A path's account id, checked like every other id. */
    public static String checkAccountId(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new DomainException("accountId", "is required");
        }
        if (accountId.length() > AdvocateRules.MAX_ID) { // the limit of an advocate's account.id
            throw new DomainException("accountId", "must be at most " + AdvocateRules.MAX_ID + " characters");
        }
        if (accountId.chars().anyMatch(Character::isISOControl)) {
            throw new DomainException("accountId", "must not contain control characters");
        }
        return accountId;
    }

    public Result apply(String accountId, AccountSignal signal) {
        checkAccountId(accountId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StoredSituation stored = accounts.situation(accountId);
            AccountSituation next = stored.situation().apply(signal);
            boolean changed = !next.equals(stored.situation());
            Instant now = clock.instant();
            OutboxEvent event = changed ? event(accountId, stored.version() + 1, signal, next, now) : null;
            SignalWrite w = accounts.applySignal(accountId, stored.version(), signal.id(), next, event, now);
            switch (w) {
                case APPLIED -> {
                    if (event != null) {
                        relay.nudge();
                    }
                    return new Result(accountId, signal.id(), true, changed, changed ? stored.version() + 1
                            : stored.version(), next);
                }
                case DUPLICATE -> {
                    StoredSituation current = accounts.situation(accountId);
                    return new Result(accountId, signal.id(), false, false, current.version(), current.situation());
                }
                case CONFLICT -> {
                    // another signal of this account was stored meanwhile: fold again on top of it
                }
            }
        }
        throw ApiException.conflict("Too many signals for account '" + accountId + "' at the same moment; please retry");
    }

    /** GET /api/accounts/{id}: the account's document (name, industry, ...) and its situation, or 404. */
    public Document get(String accountId) {
        checkAccountId(accountId);
        Document d = accounts.document(accountId);
        if (d == null) {
            throw ApiException.notFound("No account with id '" + accountId + "'");
        }
        return d;
    }

    private static OutboxEvent event(String accountId, long version, AccountSignal s, AccountSituation next, Instant now) {
        return new OutboxEvent(UUID.randomUUID().toString(), Topics.ADVOCATE_EVENTS, accountId,
                EventTypes.ACCOUNT_SITUATION_CHANGED, now,
                EventJson.write(AccountSituationDocuments.toEvent(accountId, version, s.id(), s.type().name(), next, now)));
    }
}
