package app.rapport.touchpoint.service;

import app.rapport.touchpoint.domain.RelationshipHealth;
import app.rapport.touchpoint.domain.RelationshipHealth.Health;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import app.rapport.touchpoint.repository.KnownAdvocate;
import app.rapport.touchpoint.repository.TouchpointRepository;
import app.rapport.web.PageRequest;
import app.rapport.web.PageResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Relationship health per advocate, and the owner's attention list. */
@ApplicationScoped
public class RelationshipService {
    @Inject
    TouchpointRepository touchpoints;

    @Inject
    AdvocateProjectionRepository advocates;

    @Inject
    TouchpointService touchpointService;

    @Inject
    Clock clock;

    /** An advocate that needs attention, with its health. */
    public record Attention(KnownAdvocate advocate, Health health) {
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public Health health(String advocateId) {
        touchpointService.requireKnown(advocateId);
        return RelationshipHealth.evaluate(touchpoints.forHealth(advocateId), today());
    }

    /** The owner's advocates (not RETIRED) that need attention, most urgent first. */
    public PageResponse<Attention> attention(String ownerId, PageRequest page) {
        List<KnownAdvocate> owned = advocates.activeOwnedBy(ownerId);
        Map<String, List<Touchpoint>> byAdvocate = touchpoints.forHealth(
                owned.stream().map(KnownAdvocate::advocateId).toList());
        LocalDate today = today();
        List<Attention> needing = new ArrayList<>();
        for (KnownAdvocate a : owned) {
            Health h = RelationshipHealth.evaluate(byAdvocate.getOrDefault(a.advocateId(), List.of()), today);
            if (h.needsAttention()) {
                needing.add(new Attention(a, h));
            }
        }
        needing.sort(RelationshipHealth.urgency(Attention::health, x -> x.advocate().advocateId()));
        int from = Math.min(page.offset(), needing.size());
        int to = Math.min(from + page.size(), needing.size());
        return new PageResponse<>(List.copyOf(needing.subList(from, to)), page.page(), page.size(), needing.size());
    }
}
