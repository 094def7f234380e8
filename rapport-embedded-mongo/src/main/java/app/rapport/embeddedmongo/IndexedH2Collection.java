package app.rapport.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An H2 collection whose queries use its indexes (see {@link QueryPlanner}) and are counted in
 * {@link QueryStats}. Every query goes through {@link #queryDocuments}: find, count, distinct, update,
 * delete, findAndModify and upserts.
 */
final class IndexedH2Collection extends H2Collection {
    /**
     * The leading {@code $match} of the aggregation being run on this thread: mongo-java-server feeds an
     * aggregation from an unfiltered query of its collection, so that first query plans with this filter
     * instead (its candidates still pass the {@code $match} stage afterwards).
     */
    record LeadingMatch(String namespace, Document filter) {
    }

    static final ThreadLocal<LeadingMatch> LEADING_MATCH = new ThreadLocal<>();

    private final QueryStats stats;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry, QueryStats stats) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.stats = stats;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        LeadingMatch leading = LEADING_MATCH.get();
        if (leading != null && (query == null || query.isEmpty()) && leading.namespace().equals(getFullName())) {
            LEADING_MATCH.remove();
            query = leading.filter();
        }
        if (isNaturalDescending(orderBy)) {
            QueryResult result = super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            stats.record(getFullName(), query, count(), -1, true);
            return result;
        }
        QueryPlanner.Plan plan = QueryPlanner.plan(query, orderBy, getIndexes());
        long[] examined = new long[1];
        Document filter = query;
        Stream<Document> candidates;
        boolean scan = plan == null;
        if (scan) {
            candidates = streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
        } else {
            Iterator<Object> positions = plan.positions();
            candidates = StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions, 0), false)
                    .map(this::getDocument)
                    .filter(d -> d != null);
        }
        Stream<Document> matching = candidates
                .peek(d -> examined[0]++)
                .filter(d -> filter == null || documentMatchesQuery(d, filter));
        Comparator<Document> comparator = deriveComparator(orderBy);
        if (comparator != null && (scan || !plan.sorted())) {
            matching = matching.sorted(comparator);
        }
        if (numberToSkip > 0) {
            matching = matching.skip(numberToSkip);
        }
        if (limit > 0) {
            matching = matching.limit(limit);
        }
        List<Document> result = new ArrayList<>(matching.toList());
        stats.record(getFullName(), query, examined[0], result.size(), scan);
        return matchDocumentsFromStream(result.stream(), new Document(), null, 0, 0, batchSize, fieldSelector);
    }
}
