package app.rapport.touchpoint;

import app.rapport.testing.RapportTestResource;
import app.rapport.testing.TestTokens;
import app.rapport.touchpoint.domain.Source;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.touchpoint.mapping.TouchpointDocuments;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import app.rapport.touchpoint.repository.TouchpointRepository;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cursor paging over an advocate with 10,000 touchpoints, many sharing the same instant. */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
class TimelinePagingTest {
    static final int COUNT = 10_000;

    @Inject
    TouchpointRepository touchpoints;

    @Inject
    AdvocateProjectionRepository advocates;

    String advocateId;

    @AfterEach
    void removeTheBulk() {
        if (advocateId != null) {
            touchpoints.collection().deleteMany(Filters.eq("advocateId", advocateId));
        }
    }

    @Test
    void pagesThroughTenThousandTouchpointsNewestFirstWithNoDuplicatesOrGaps() {
        advocateId = Fixtures.newId("adv-busy");
        Fixtures.knownAdvocate(advocates, advocateId, Fixtures.OWNER, "ACTIVE");
        Instant base = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        List<Touchpoint> all = new ArrayList<>(COUNT);
        List<Document> docs = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            // three touchpoints per instant, so the id must break ties
            Touchpoint t = new Touchpoint(String.format("tp-bulk-%05d-%s", (i * 7919) % COUNT, advocateId),
                    advocateId, TouchpointType.NOTE, base.plus(Duration.ofMinutes(i / 3)), base, null, "n" + i,
                    null, null, null, null, "u-bulk", Source.MANUAL);
            all.add(t);
            docs.add(TouchpointDocuments.toDocument(t));
        }
        touchpoints.collection().insertMany(docs);
        List<String> expected = all.stream().sorted(Comparator.comparing(Touchpoint::occurredAt)
                .thenComparing(Touchpoint::id).reversed()).map(Touchpoint::id).toList();

        String bearer = TestTokens.bearer("u-reader", "analyst");
        List<String> seen = new ArrayList<>(COUNT);
        String before = null;
        int pages = 0;
        long slowest = 0;
        long started = System.nanoTime();
        do {
            var request = given().header("Authorization", bearer).queryParam("limit", 200);
            if (before != null) {
                request.queryParam("before", before);
            }
            long t0 = System.nanoTime();
            JsonPath page = request.when().get("/api/advocates/" + advocateId + "/timeline")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
            before = page.getString("nextBefore");
            pages++;
        } while (before != null && pages < 100);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("timeline: %d touchpoints in %d pages of 200 in %d ms (slowest page %d ms)%n",
                seen.size(), pages, millis, slowest);

        assertEquals(COUNT / 200, pages);
        Set<String> unique = new HashSet<>(seen);
        assertEquals(COUNT, unique.size(), "no duplicates");
        assertEquals(expected, seen, "every touchpoint once, newest first, ties by id");
    }

    @Test
    void defaultLimitIs50AndAPlainInstantPagesFromThatPointInTime() {
        advocateId = Fixtures.newId("adv-small");
        Fixtures.knownAdvocate(advocates, advocateId, Fixtures.OWNER, "ACTIVE");
        Instant base = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            docs.add(TouchpointDocuments.toDocument(new Touchpoint(String.format("tp-s-%02d-%s", i, advocateId),
                    advocateId, TouchpointType.CALL, base.plus(Duration.ofHours(i)), base, null, null, null, null,
                    null, null, "u", Source.MANUAL)));
        }
        touchpoints.collection().insertMany(docs);
        String bearer = TestTokens.bearer("u-reader", "requester");
        JsonPath first = given().header("Authorization", bearer)
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(200).body("items", hasSize(50))
                .body("items[0].id", equalTo(String.format("tp-s-%02d-%s", 59, advocateId)))
                .extract().jsonPath();
        JsonPath rest = given().header("Authorization", bearer).queryParam("before", first.getString("nextBefore"))
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(200).body("items", hasSize(10)).extract().jsonPath();
        assertNull(rest.getString("nextBefore"));
        assertEquals(String.format("tp-s-%02d-%s", 0, advocateId), rest.getString("items[9].id"));

        // strictly before the instant of item 10
        Instant at = base.plus(Duration.ofHours(10));
        List<String> older = given().header("Authorization", bearer).queryParam("before", at.toString())
                .when().get("/api/advocates/" + advocateId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertEquals(10, older.size());
        assertTrue(older.get(0).startsWith("tp-s-09-"));
    }
}
