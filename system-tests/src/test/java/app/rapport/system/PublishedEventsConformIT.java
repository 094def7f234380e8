package app.rapport.system;

import app.rapport.events.CloudEventHeaders;
import app.rapport.events.Topics;
import app.rapport.testing.EventCatalogue;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every event the packaged services published while the system tests ran keeps to the AsyncAPI document
 * and its JSON Schemas (rapport-event-contracts, asyncapi/). Runs after the other system tests
 * ({@code @Order(Integer.MAX_VALUE)}, the secondary orderer set in
 * src/test/resources/META-INF/microprofile-config.properties) on the broker they shared, and validates each
 * record of {@link Topics#CREATED} whose {@code ce_source} is a Rapport service.
 */
@Order(Integer.MAX_VALUE)
class PublishedEventsConformIT {

    @Test
    void everyEventThePackagedServicesPublishedKeepsToTheAsyncApiDocument() {
        EventCatalogue catalogue = EventCatalogue.get();
        List<ConsumerRecord<String, String>> all = EventCatalogue.readAll(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.CREATED, Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> published = all.stream().filter(catalogue::publishedByRapport).toList();
        Map<String, Long> byType = published.stream().collect(Collectors.groupingBy(
                r -> KafkaTestSupport.header(r, CloudEventHeaders.SOURCE) + " " + KafkaTestSupport.header(r,
                        CloudEventHeaders.TYPE), TreeMap::new, Collectors.counting()));
        System.out.println("PublishedEventsConformIT: " + published.size() + " of " + all.size()
                + " records on " + Topics.CREATED + " published by Rapport services, validated: " + byType);
        assertFalse(published.isEmpty(), "the system tests should have made the services publish events (run this "
                + "class with the other system tests); read " + all.size() + " records");
        catalogue.assertConform(published);
    }
}
