package app.rapport.advocate.integrationevents.eventhandling;

import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.account.AccountSignal;
import app.rapport.advocate.service.AccountSignalService;
import app.rapport.events.EventJson;
import app.rapport.events.MalformedEventException;
import app.rapport.messaging.InboundBatchProcessor;
import app.rapport.messaging.InboundEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code account-signals} → the accounts' situations. A record is a CloudEvent in binary mode: key and
 * {@code ce_subject} the account id, {@code ce_type rapport.signal.<type>.v1}, {@code ce_id} the
 * signal's id, value {@code {occurredAt, data}}. Each is folded once per id, as a REST signal is. A
 * record that cannot be read (unknown type, bad fields, no account id) goes to
 * {@code advocate-service.account-signals.dlq} with the reason.
 */
@ApplicationScoped
public class AccountSignalsConsumer {

    @Inject
    AccountSignalService service;

    @Inject
    InboundBatchProcessor batches;

    @Inject
    Clock clock;

    record Prepared(String accountId, AccountSignal signal) {
    }

    @Incoming("account-signals")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        batches.process("account-signals", records, this::prepare, this::applyAll);
    }

    Prepared prepare(InboundEvent event) {
        AccountSignal.Type type = AccountSignal.Type.fromCloudEventType(event.type());
        if (type == null) {
            throw new MalformedEventException("signal " + event.id() + ": ce_type '" + event.type()
                    + "' is not a signal type (rapport.signal.<type>.v1, e.g. rapport.signal.support-case-opened.v1)");
        }
        String accountId = event.subject() != null && !event.subject().isBlank() ? event.subject() : event.key();
        JsonNode value;
        try {
            value = EventJson.mapper().readTree(event.value());
        } catch (Exception e) {
            throw new MalformedEventException("signal " + event.id() + ": the value is not JSON");
        }
        if (value == null || !value.isObject()) {
            throw new MalformedEventException("signal " + event.id() + ": the value must be a JSON object {occurredAt, data}");
        }
        JsonNode at = value.get("occurredAt");
        JsonNode data = value.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new MalformedEventException("signal " + event.id() + ": data must be a JSON object");
        }
        try {
            AccountSignalService.checkAccountId(accountId);
            Map<String, Object> d = data == null || data.isNull() ? Map.of()
                    : EventJson.mapper().convertValue(data, new TypeReference<Map<String, Object>>() { });
            AccountSignal s = AccountSignal.parse(event.id(), type.name(), at != null && at.isTextual() ? at.asText()
                    : at == null || at.isNull() ? null : at.toString(), d, clock.instant());
            return new Prepared(accountId, s);
        } catch (DomainException e) {
            throw new MalformedEventException("signal " + event.id() + " for account '" + accountId + "': " + e.getMessage());
        }
    }

    void applyAll(List<Prepared> batch) {
        for (Prepared p : batch) {
            service.apply(p.accountId(), p.signal());
        }
    }
}
