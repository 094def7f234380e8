package app.rapport.advocate.repository;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.account.AccountSituation;
import app.rapport.advocate.mapping.AccountSituationDocuments;
import app.rapport.messaging.Inbox;
import app.rapport.messaging.Outbox;
import app.rapport.messaging.OutboxEvent;
import app.rapport.messaging.ServiceDatabase;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code accounts} collection: the companies advocates work for, upserted from the advocates
 * that name them (the latest write wins; an attribute left out by one advocate does not erase what
 * another gave). It is a read model derived from advocates: a lost upsert is repaired by the next
 * write of any advocate of the account.
 */
@ApplicationScoped
public class AccountRepository {
    public static final String COLLECTION = "accounts";
    public static final String SITUATION = "situation";
    public static final String SITUATION_VERSION = "situationVersion";

    @Inject
    ServiceDatabase db;

    public MongoCollection<Document> collection() {
        return db.collection(COLLECTION);
    }

    public void upsert(Account account, Instant now) {
        collection().updateOne(Filters.eq("_id", account.id()), update(account, now), new UpdateOptions().upsert(true));
    }

    /** Upserts several accounts (an import batch's, one per id) in one unordered bulk write. */
    public void upsertAll(Collection<Account> accounts, Instant now) {
        if (accounts.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(accounts.size());
        accounts.forEach(account -> writes.add(new UpdateOneModel<>(Filters.eq("_id", account.id()),
                update(account, now), new UpdateOptions().upsert(true))));
        collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static Bson update(Account account, Instant now) {
        List<Bson> set = new ArrayList<>();
        set.add(Updates.set("name", account.name()));
        if (account.industry() != null) {
            set.add(Updates.set("industry", account.industry()));
        }
        if (account.region() != null) {
            set.add(Updates.set("region", account.region()));
        }
        if (account.segment() != null) {
            set.add(Updates.set("segment", account.segment()));
        }
        set.add(Updates.set("updatedAt", Date.from(now)));
        set.add(Updates.setOnInsert("createdAt", Date.from(now)));
        return Updates.combine(set);
    }

    /** An account's situation as stored, with its version (0: none yet, the document may not exist). */
    public record StoredSituation(long version, AccountSituation situation) {
    }

    /** What {@link #applySignal} did. */
    public enum SignalWrite {
        /** stored (with its event, when the situation changed) */
        APPLIED,
        /** this signal id was applied before: nothing changed */
        DUPLICATE,
        /** the situation changed since it was read: read it again and retry */
        CONFLICT
    }

    /** The stored situation of an account, read by {@code _id}. */
    public StoredSituation situation(String accountId) {
        Document d = collection().find(Filters.eq("_id", accountId))
                .projection(Projections.include(SITUATION, SITUATION_VERSION)).first();
        if (d == null) {
            return new StoredSituation(0, AccountSituation.empty());
        }
        Number v = (Number) d.get(SITUATION_VERSION);
        return new StoredSituation(v == null ? 0 : v.longValue(),
                AccountSituationDocuments.fromDocument(d.get(SITUATION, Document.class)));
    }

    /**
     * Stores the situation a signal leads to, in one single-document write that only matches the
     * situation as it was read ({@code expectedVersion}) and only when the signal id is not in the
     * document's inbox yet: the inbox mark, the situation, its version and its event (null when the
     * signal changed nothing) go together. The document is created when the account has none yet (a
     * signal may come before the CRM import names the account).
     */
    public SignalWrite applySignal(String accountId, long expectedVersion, String signalId, AccountSituation next,
            OutboxEvent event, Instant now) {
        Bson version = expectedVersion == 0
                ? Filters.or(Filters.exists(SITUATION_VERSION, false), Filters.eq(SITUATION_VERSION, 0L))
                : Filters.eq(SITUATION_VERSION, expectedVersion);
        Bson filter = Filters.and(Filters.eq("_id", accountId), version, Filters.ne(Inbox.FIELD, signalId));
        List<Bson> set = new ArrayList<>();
        set.add(Updates.pushEach(Inbox.FIELD, List.of(signalId), new PushOptions().slice(-Inbox.WINDOW)));
        set.add(Updates.set("updatedAt", Date.from(now)));
        set.add(Updates.setOnInsert("createdAt", Date.from(now)));
        if (event != null) {
            set.add(Updates.set(SITUATION, AccountSituationDocuments.toDocument(next)));
            set.add(Updates.set(SITUATION_VERSION, expectedVersion + 1));
            set.add(Outbox.push(event));
        }
        try {
            UpdateResult r = collection().updateOne(filter, Updates.combine(set),
                    new UpdateOptions().upsert(expectedVersion == 0));
            if (r.getMatchedCount() == 1 || r.getUpsertedId() != null) {
                return SignalWrite.APPLIED;
            }
        } catch (MongoWriteException e) {
            if (!Inbox.isDuplicateKey(e)) {
                throw e;
            }
            // the document exists: another write created it, or it holds this signal or a version already
        }
        boolean seen = collection().find(Filters.and(Filters.eq("_id", accountId), Filters.eq(Inbox.FIELD, signalId)))
                .projection(Projections.include("_id")).first() != null;
        return seen ? SignalWrite.DUPLICATE : SignalWrite.CONFLICT;
    }

    /** The account's document without its inbox and outbox (the account's attributes and situation), or null. */
    public Document document(String id) {
        return collection().find(Filters.eq("_id", id))
                .projection(Projections.exclude(Inbox.FIELD, OutboxEvent.OUTBOX_FIELD, Outbox.SINCE)).first();
    }

    public Optional<Account> find(String id) {
        Document d = collection().find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(d).map(x -> new Account(x.getString("_id"), x.getString("name"),
                x.getString("industry"), x.getString("region"), x.getString("segment")));
    }
}
