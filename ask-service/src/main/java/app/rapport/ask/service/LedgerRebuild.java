package app.rapport.ask.service;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.usage.Ledger;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.repository.Scans;
import app.rapport.ask.repository.UsageLedgers;
import app.rapport.ask.repository.UsageLedgers.Scope;
import app.rapport.messaging.Inbox;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * Builds the usage ledgers from the data that existed before them, once per database (the marker
 * {@code maintenance/ledgers-v1}): the asks sent in the last {@value Ledger#KEEP_DAYS} days, the
 * open asks, and the manual uses kept on the views. Named scans ({@link Scans#REBUILD_LEDGERS}), each a
 * range over an index. Every write is idempotent (a use or open ask already on its ledger is left
 * alone), so a rebuild interrupted by a crash simply runs again at the next start.
 */
@ApplicationScoped
public class LedgerRebuild {
    private static final Logger LOG = Logger.getLogger(LedgerRebuild.class);
    static final String MARKER = "ledgers-v1";

    @Inject
    Collections collections;

    @Inject
    UsageLedgers ledgers;

    @Inject
    Clock clock;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (collections.maintenance().find(Filters.eq("_id", MARKER)).first() != null) {
            return;
        }
        long n = rebuild();
        Inbox.insertOnce(collections.maintenance(), new Document("_id", MARKER).append("at", new Date())
                .append("entries", n));
        LOG.infof("usage ledgers built from existing data: %d entries", n);
    }

    /** Runs the rebuild; returns the number of entries considered. Safe to run again. */
    public long rebuild() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String cutoff = today.minusDays(Ledger.KEEP_DAYS).toString();
        long n = 0;
        for (Document a : collections.asks().find(Filters.gt("sentDate", cutoff)).comment(Scans.REBUILD_LEDGERS)
                .projection(Projections.include("advocateId", "accountId", "activity", "sentDate", "sentAt"))) {
            Date sentAt = a.getDate("sentAt");
            Ledger.Entry use = new Ledger.Entry("ASK", a.getString("_id"), a.getString("advocateId"),
                    LocalDate.parse(a.getString("sentDate")), a.getString("activity"), false,
                    sentAt == null ? now : sentAt.toInstant());
            ledgers.recordIfMissing(Scope.ADVOCATE, use.advocateId(), use);
            if (a.getString("accountId") != null) {
                ledgers.recordIfMissing(Scope.ACCOUNT, a.getString("accountId"), use);
            }
            n++;
        }
        for (String status : AskStatus.OPEN_NAMES) {
            for (Document a : collections.asks().find(Filters.eq("status", status)).comment(Scans.REBUILD_LEDGERS)
                    .projection(Projections.include("advocateId", "activity", "status", "createdAt"))) {
                Date at = a.getDate("createdAt");
                ledgers.open(a.getString("advocateId"), a.getString("_id"), a.getString("activity"), status,
                        at == null ? now : at.toInstant());
                n++;
            }
        }
        for (Document v : collections.views().find(Filters.gt("lastManualUseDate", cutoff))
                .comment(Scans.REBUILD_LEDGERS).projection(Projections.include("accountId", "manualUses"))) {
            for (var u : AdvocateViewRepository.manualUses(v)) {
                Ledger.Entry use = new Ledger.Entry("TOUCHPOINT", u.ref(), u.advocateId(), u.date(), u.activity(),
                        false, now);
                ledgers.recordIfMissing(Scope.ADVOCATE, use.advocateId(), use);
                if (v.getString("accountId") != null) {
                    ledgers.recordIfMissing(Scope.ACCOUNT, v.getString("accountId"), use);
                }
                n++;
            }
        }
        return n;
    }
}
