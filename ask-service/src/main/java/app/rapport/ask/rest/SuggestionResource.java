package app.rapport.ask.rest;

import app.rapport.events.vocabulary.Activity;
import app.rapport.ask.service.SuggestionService;
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

import java.util.ArrayList;
import java.util.List;

/** GET /api/suggestions: eligible advocates ranked for a need, each with why. */
@Path("/api/suggestions")
@Produces(MediaType.APPLICATION_JSON)
public class SuggestionResource {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    @Inject
    SuggestionService suggestions;

    public record SuggestionList(List<SuggestionService.Suggestion> items, int page, int size, long total,
            int candidatesEvaluated) {
    }

    @GET
    @RolesAllowed({Roles.REQUESTER, Roles.OWNER, Roles.PROGRAMME_MANAGER, Roles.ADMIN})
    public SuggestionList suggest(@QueryParam("activity") String activity, @QueryParam("tag") String tag,
            @QueryParam("industry") String industry, @QueryParam("region") String region,
            @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        Activity a = EligibilityResource.parseActivity(activity, errors);
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
                if (n < 1 || n > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a whole number"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("The request is invalid: " + errors.size()
                    + (errors.size() == 1 ? " parameter is" : " parameters are") + " wrong", errors);
        }
        SuggestionService.Result r = suggestions.suggest(a.name(), tag, industry, region, n);
        return new SuggestionList(r.items(), 0, n, r.eligible(), r.candidates());
    }
}
