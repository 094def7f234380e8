package app.rapport.ask.rest;

import app.rapport.events.vocabulary.Activity;
import app.rapport.ask.mapping.EligibilityMapping;
import app.rapport.ask.rest.AskResponses.EligibilityResponse;
import app.rapport.ask.service.AskService;
import app.rapport.web.ApiException;
import app.rapport.web.FieldError;
import app.rapport.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** GET /api/eligibility: the gate's decision as a dry run; nothing is stored. */
@Path("/api/eligibility")
@Produces(MediaType.APPLICATION_JSON)
public class EligibilityResource {
    @Inject
    AskService asks;

    @GET
    @RolesAllowed({Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    public EligibilityResponse check(@QueryParam("advocateId") String advocateId, @QueryParam("activity") String activity,
            @QueryParam("dueBy") String dueBy) {
        List<FieldError> errors = new ArrayList<>();
        if (advocateId == null || advocateId.isBlank()) {
            errors.add(new FieldError("advocateId", "is required"));
        }
        Activity a = parseActivity(activity, errors);
        LocalDate due = null;
        if (dueBy != null && !dueBy.isBlank()) {
            try {
                due = LocalDate.parse(dueBy.trim());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("dueBy", "must be a date (YYYY-MM-DD)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The request is invalid: " + errors.size()
                    + (errors.size() == 1 ? " parameter is" : " parameters are") + " wrong", errors);
        }
        AskService.Evaluation ev = asks.dryRun(advocateId.trim(), a.name(), due);
        return EligibilityMapping.toResponse(ev.decision(), ev.checkedAt(), ev.asOf());
    }

    static Activity parseActivity(String activity, List<FieldError> errors) {
        if (activity == null || activity.isBlank()) {
            errors.add(new FieldError("activity", "is required"));
            return null;
        }
        try {
            return Activity.valueOf(activity.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("activity", "must be one of " + Arrays.toString(Activity.values())));
            return null;
        }
    }
}
