package app.rapport.testing.querydiscipline;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexPlanTest {
    private static IndexPlan.Index index(String spec) {
        return IndexPlan.Index.of(BsonDocument.parse(spec));
    }

    private static final List<IndexPlan.Index> INDEXES = List.of(
            index("{name: '_id_', key: {_id: 1}}"),
            index("{name: 'owner_status_since', key: {ownerId: 1, status: 1, awaitingSince: 1}}"),
            index("{name: 'advocate_sent', key: {advocateId: 1, sentDate: -1}}"),
            index("{name: 'pending', key: {outboxSince: 1}, sparse: true}"),
            index("{name: 'email', key: {email: 1}, unique: true, sparse: true}"));

    private static IndexPlan.Verdict check(String filter, String sort) {
        return IndexPlan.check(BsonDocument.parse(filter), sort == null ? null : BsonDocument.parse(sort), INDEXES);
    }

    @Test
    void anEqualityOnIdIsAPointLookupWhateverElseTheFilterSays() {
        assertTrue(check("{_id: 'a', inbox: {$ne: 'e1'}}", null).served());
        assertTrue(check("{_id: {$in: ['a', 'b']}}", null).served());
    }

    @Test
    void equalityKeysMustBeThePrefixOfAnIndexInAnyOrder() {
        assertTrue(check("{status: 'SENT', ownerId: 'o'}", null).served());
        assertTrue(check("{ownerId: 'o'}", null).served());
        assertEquals("owner_status_since", check("{ownerId: 'o', status: {$in: ['A', 'B']}}", null).index());
        IndexPlan.Verdict skipsTheFirstKey = check("{status: 'SENT'}", null);
        assertFalse(skipsTheFirstKey.served());
        assertTrue(skipsTheFirstKey.why().contains("[status]"), skipsTheFirstKey.why());
        assertFalse(check("{ownerId: 'o', accountId: 'x'}", null).served(), "a key outside the index prefix");
    }

    @Test
    void oneRangeMayFollowTheEqualityKeys() {
        assertTrue(check("{ownerId: 'o', status: 'A', awaitingSince: {$lt: 5}}", null).served());
        assertTrue(check("{advocateId: 'a', sentDate: {$gt: '2026-01-01'}}", null).served());
        assertFalse(check("{sentDate: {$gt: '2026-01-01'}}", null).served());
        assertFalse(check("{ownerId: 'o', awaitingSince: {$lt: 5}}", null).served(), "a range that skips a key");
        assertTrue(check("{outboxSince: {$lte: 5}}", null).served(), "a range alone on the first key");
    }

    @Test
    void existsTrueUsesOnlyASparseIndex() {
        assertTrue(check("{outboxSince: {$exists: true}}", null).served());
        assertFalse(check("{ownerId: {$exists: true}}", null).served());
    }

    @Test
    void conditionsAnIndexCannotUseAloneAreACollectionScan() {
        assertFalse(check("{}", null).served());
        assertFalse(check("{status: {$ne: 'SENT'}}", null).served());
        assertFalse(check("{name: {$regex: 'x'}}", null).served());
        assertTrue(check("{ownerId: 'o', name: {$regex: 'x'}, status: {$nin: ['A']}}", null).served(),
                "residual conditions filter the candidates");
    }

    @Test
    void everyBranchOfAnOrMustBeServed() {
        assertTrue(check("{$or: [{_id: 'a'}, {email: 'x@y'}]}", null).served());
        assertFalse(check("{$or: [{_id: 'a'}, {name: 'x'}]}", null).served());
        assertTrue(check("{$and: [{ownerId: 'o'}, {status: 'A'}]}", null).served());
        assertTrue(check("{$and: [{advocateId: 'a'}, {$and: [{sentDate: {$lte: 5}}, {$or: [{sentDate: {$lt: 5}}, {_id: {$lt: 'x'}}]}]}]}",
                "{sentDate: -1}").served(), "a keyset page: the $or filters what the index serves");
    }

    @Test
    void theSortMustContinueTheIndex() {
        assertTrue(check("{ownerId: 'o', status: 'A'}", "{awaitingSince: 1}").served());
        assertTrue(check("{ownerId: 'o', status: 'A'}", "{awaitingSince: -1}").served(), "reversed is fine");
        assertTrue(check("{ownerId: 'o', status: 'A', awaitingSince: {$gt: 1}}", "{awaitingSince: 1}").served());
        assertTrue(check("{advocateId: 'a'}", "{sentDate: -1}").served());
        IndexPlan.Verdict inMemory = check("{ownerId: 'o'}", "{awaitingSince: 1}");
        assertFalse(inMemory.served());
        assertTrue(inMemory.why().contains("not the sort"), inMemory.why());
    }
}
