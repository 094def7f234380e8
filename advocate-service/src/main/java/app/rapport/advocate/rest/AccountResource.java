package app.rapport.advocate.rest;

import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Violation;
import app.rapport.advocate.domain.account.AccountSignal;
import app.rapport.advocate.service.AccountSignalService;
import app.rapport.web.Roles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts (docs/api-advocates.md, "Accounts and their signals"): an account's situation, and signals about it from support,
 * CRM and billing tools that have no Kafka. The same signals arrive on the {@code account-signals}
 * topic ({@code AccountSignalsConsumer}).
 */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {
    private static final Set<String> FIELDS = Set.of("id", "type", "occurredAt", "data");

    @Inject
    AccountSignalService signals;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "An account and its situation: open cases and escalations, next renewal, latest NPS, spend")
    public AccountResponse get(@PathParam("id") String id) {
        return AccountResponse.of(signals.get(id));
    }

    @POST
    @Path("{id}/signals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Record a signal about the account (support case, escalation, renewal, NPS, spend); "
            + "202, idempotent by the signal's id")
    public Response signal(@PathParam("id") String id, JsonNode body) {
        AccountSignal signal = parse(body);
        AccountSignalService.Result r = signals.apply(id, signal);
        return Response.accepted(new AccountResponse.SignalAccepted(r.accountId(), r.signalId(), r.applied(), r.changed(),
                r.version(), AccountResponse.Situation.of(r.situation()))).build();
    }

    /** The body {@code {id, type, occurredAt, data}}, strictly: strings where strings belong, no other field. */
    AccountSignal parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DomainException("body", "must be a JSON object {id, type, occurredAt, data}");
        }
        List<Violation> v = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                v.add(new Violation(name, "is not a field of a signal (id, type, occurredAt, data)"));
            }
        }
        String sid = text(body, "id", v);
        String type = text(body, "type", v);
        String occurredAt = text(body, "occurredAt", v);
        JsonNode data = body.get("data");
        Map<String, Object> d = Map.of();
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                v.add(new Violation("data", "must be a JSON object"));
            } else {
                d = mapper.convertValue(data, new TypeReference<Map<String, Object>>() { });
            }
        }
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
        return AccountSignal.parse(sid, type, occurredAt, d, clock.instant());
    }

    private static String text(JsonNode body, String field, List<Violation> v) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null; // AccountSignal.parse names it as required
        }
        if (!n.isTextual()) {
            v.add(new Violation(field, "must be a string"));
            return null;
        }
        return n.asText();
    }
}
