package app.rapport.advocate;

import app.rapport.advocate.domain.account.AccountSignal;
import java.util.Arrays;
import app.rapport.events.CloudEventHeaders;
import app.rapport.events.Topics;
import app.rapport.testing.EventCatalogue;
import app.rapport.testing.KafkaTestSupport;
import app.rapport.testing.RapportTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event a Rapport service published on Rapport's topics while this module's tests ran keeps to the
 * AsyncAPI document and its JSON Schemas (rapport-event-contracts, asyncapi/): the catalogue cannot drift
 * from the code unnoticed.
 *
 * <p>Runs after the module's other Quarkus test classes ({@code @Order(Integer.MAX_VALUE)}, with
 * {@code junit.quarkus.orderer.secondary-orderer} set to {@code OrderAnnotation} in
 * src/test/resources/META-INF/microprofile-config.properties; the module's plain unit tests come after
 * every Quarkus test anyway and publish nothing). It reads every record on {@link Topics#CREATED} of the
 * broker the service used, keeps those whose {@code ce_source} is a Rapport service (tests inject theirs
 * with {@code ce_source=test}, some deliberately malformed; dead-letter topics are not read), and checks
 * each one: topic, {@code ce_type}, headers, key and value.
 */
@QuarkusTest
@QuarkusTestResource(value = RapportTestResource.class, restrictToAnnotatedClass = false)
@Order(Integer.MAX_VALUE)
class PublishedEventsConformTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "rapport.service-name")
    String service;

    @Test
    void everyEventPublishedInTheTestsKeepsToTheAsyncApiDocument() {
        EventCatalogue catalogue = EventCatalogue.get();
        List<ConsumerRecord<String, String>> all = EventCatalogue.readAll(bootstrapServers, Topics.CREATED,
                Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> published = all.stream().filter(catalogue::publishedByRapport).toList();
        Map<String, Long> byType = published.stream().collect(Collectors.groupingBy(
                r -> KafkaTestSupport.header(r, CloudEventHeaders.SOURCE) + " " + KafkaTestSupport.header(r,
                        CloudEventHeaders.TYPE), TreeMap::new, Collectors.counting()));
        System.out.println("PublishedEventsConformTest: " + published.size() + " of " + all.size()
                + " records on " + Topics.CREATED + " published by Rapport services, validated: " + byType);
        assertTrue(published.stream().anyMatch(r -> service.equals(KafkaTestSupport.header(r,
                CloudEventHeaders.SOURCE))), "the tests should have published at least one event of " + service
                + " (run this class with the module's other tests); read " + all.size() + " records");
        catalogue.assertConform(published);
    }

    /** The input topic's messages are exactly the signal types advocate-service reads. */
    @Test
    void theAccountSignalsChannelNamesEverySignalTypeAdvocateServiceReads() {
        assertEquals(Arrays.stream(AccountSignal.Type.values()).map(AccountSignal.Type::cloudEventType)
                .collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(EventCatalogue.get().messages(Topics.ACCOUNT_SIGNALS)));
    }
}
