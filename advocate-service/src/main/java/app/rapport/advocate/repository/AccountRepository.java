package app.rapport.advocate.repository;

import app.rapport.messaging.ServiceDatabase;
import app.rapport.advocate.domain.Account;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
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

    public Optional<Account> find(String id) {
        Document d = collection().find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(d).map(x -> new Account(x.getString("_id"), x.getString("name"),
                x.getString("industry"), x.getString("region"), x.getString("segment")));
    }
}
