package app.rapport.ask;

import app.rapport.testing.querydiscipline.QueryDisciplineReport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test of this module (it is not a Quarkus test, and it has the highest
 * order) and fails if any query the service sent during them would be a collection scan on
 * MongoDB with notablescan. The queries are recorded by the harness's QueryDisciplineListener.
 */
@Order(Integer.MAX_VALUE)
class QueryDisciplineTest {
    @Test
    void everyQueryTheServiceSentWasServedByAnIndex() {
        QueryDisciplineReport.read().assertEveryQueryServed();
    }
}
