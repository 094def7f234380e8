package app.rapport.ask.rest;

import app.rapport.ask.service.PolicyService;
import app.rapport.web.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bson.Document;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The programme's thresholds: versioned, audited, published as policy-changed. */
@Path("/api/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {
    @Inject
    PolicyService policies;

    @Inject
    JsonWebToken jwt;

    public record PolicyBody(
            @NotNull @Min(1) @Max(3650) Integer minDaysBetweenAsks,
            @NotNull @Min(1) @Max(1000) Integer advocateBudgetPer90Days,
            @NotNull @Min(1) @Max(10000) Integer accountBudgetPer90Days,
            @NotNull @Min(1) @Max(100) Integer maxOpenAsksPerAdvocate,
            @Min(0) @Max(365) Integer renewalQuietDays,
            @Min(1) @Max(100000) Integer maxRoutedAsksPerOwnerPer7Days,
            @Min(1) @Max(3650) Integer consentMaxAgeDays,
            @Min(0) @Max(100) Integer maxTakeOverGive) {
    }

    public record Change(int version, Map<String, Object> thresholds, String by, Instant at) {
    }

    public record PolicyResponse(int version, int minDaysBetweenAsks, int advocateBudgetPer90Days,
            int accountBudgetPer90Days, int maxOpenAsksPerAdvocate, int renewalQuietDays,
            int maxRoutedAsksPerOwnerPer7Days, int consentMaxAgeDays, int maxTakeOverGive, Instant updatedAt,
            String updatedBy, List<Change> history) {
    }

    @GET
    @Authenticated
    public PolicyResponse get() {
        return toResponse(policies.currentDocument());
    }

    @PUT
    @RolesAllowed({Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    public PolicyResponse put(@Valid @NotNull PolicyBody body) {
        // the second batch's thresholds may be left out: they keep their current values
        var current = PolicyService.toPolicy(policies.currentDocument());
        Map<String, Integer> t = new LinkedHashMap<>();
        t.put("minDaysBetweenAsks", body.minDaysBetweenAsks());
        t.put("advocateBudgetPer90Days", body.advocateBudgetPer90Days());
        t.put("accountBudgetPer90Days", body.accountBudgetPer90Days());
        t.put("maxOpenAsksPerAdvocate", body.maxOpenAsksPerAdvocate());
        t.put("renewalQuietDays", or(body.renewalQuietDays(), current.renewalQuietDays()));
        t.put("maxRoutedAsksPerOwnerPer7Days",
                or(body.maxRoutedAsksPerOwnerPer7Days(), current.maxRoutedAsksPerOwnerPer7Days()));
        t.put("consentMaxAgeDays", or(body.consentMaxAgeDays(), current.consentMaxAgeDays()));
        t.put("maxTakeOverGive", or(body.maxTakeOverGive(), current.maxTakeOverGive()));
        return toResponse(policies.update(t, jwt.getSubject()));
    }

    static PolicyResponse toResponse(Document d) {
        var p = PolicyService.toPolicy(d);
        List<Change> history = d.getList("history", Document.class, List.of()).stream()
                .map(h -> new Change(((Number) h.get("version")).intValue(),
                        new LinkedHashMap<>(h.get("thresholds", Document.class)), h.getString("by"),
                        instant(h.getDate("at"))))
                .toList();
        return new PolicyResponse(p.version(), p.minDaysBetweenAsks(), p.advocateBudgetPer90Days(),
                p.accountBudgetPer90Days(), p.maxOpenAsksPerAdvocate(), p.renewalQuietDays(),
                p.maxRoutedAsksPerOwnerPer7Days(), p.consentMaxAgeDays(), p.maxTakeOverGive(),
                instant(d.getDate("updatedAt")),
                d.getString("updatedBy"), history);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
