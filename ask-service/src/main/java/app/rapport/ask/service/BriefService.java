package app.rapport.ask.service;

import app.rapport.ask.config.Collections;
import app.rapport.ask.repository.AdvocateViewRepository;
import app.rapport.ask.rest.AskResponses.Brief;
import app.rapport.ask.rest.AskResponses.EarlierAsk;
import app.rapport.ask.rest.AskResponses.TouchpointSummary;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * The owner's preparation for making an ask personally, from this service's own asks and the
 * touchpoint projection: the last touchpoints (type, time, channel, ask; never notes), the asks of the
 * last 12 months with their outcomes, preferred channels, days since the last human contact, and the
 * completed asks still owed a thank-you.
 */
@ApplicationScoped
public class BriefService {
    static final int LAST_TOUCHPOINTS = 5;
    /** The brief lists at most this many earlier asks (index advocateId, createdAt), newest first. */
    static final int EARLIER_ASKS = 50;

    @Inject
    Collections collections;

    @Inject
    AdvocateViewRepository views;

    @Inject
    Clock clock;

    public Brief brief(String advocateId, String excludeAskId) {
        return brief(views.find(advocateId), advocateId, excludeAskId);
    }

    /** The brief from a view already read (null: the advocate is not known yet). */
    public Brief brief(Document view, String advocateId, String excludeAskId) {
        Instant now = clock.instant();
        List<TouchpointSummary> last = new ArrayList<>();
        List<String> channels = List.of();
        Integer daysSince = null;
        List<String> thanked = List.of();
        if (view != null) {
            List<Document> recent = new ArrayList<>(view.getList("recentTouchpoints", Document.class, List.of()));
            recent.sort(Comparator.comparing((Document d) -> d.getDate("occurredAt")).reversed());
            for (Document t : recent.subList(0, Math.min(LAST_TOUCHPOINTS, recent.size()))) {
                last.add(new TouchpointSummary(t.getString("type"), t.getDate("occurredAt").toInstant(),
                        t.getString("channel"), t.getString("askId")));
            }
            channels = view.getList("channels", String.class, List.of());
            Date human = view.getDate("lastHumanContactAt");
            if (human != null) {
                daysSince = (int) Math.max(0, ChronoUnit.DAYS.between(
                        LocalDate.ofInstant(human.toInstant(), ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC)));
            }
            thanked = view.getList("thankedAskIds", String.class, List.of());
        }
        List<EarlierAsk> earlier = new ArrayList<>();
        List<String> owed = new ArrayList<>();
        for (Document a : collections.asks().find(Filters.and(Filters.eq("advocateId", advocateId),
                        Filters.gte("createdAt", Date.from(now.minus(Duration.ofDays(365))))))
                .projection(Projections.include("activity", "status", "createdAt", "accepted"))
                .sort(Sorts.descending("createdAt")).limit(EARLIER_ASKS)) {
            String id = a.getString("_id");
            if (id.equals(excludeAskId)) {
                continue;
            }
            String status = a.getString("status");
            earlier.add(new EarlierAsk(id, a.getString("activity"), status, a.getDate("createdAt").toInstant(),
                    outcome(status)));
            if ("COMPLETED".equals(status) && !thanked.contains(id)) {
                owed.add(id);
            }
        }
        return new Brief(last, earlier, channels, daysSince, owed);
    }

    static String outcome(String status) {
        return switch (status) {
            case "COMPLETED" -> "completed";
            case "ACCEPTED" -> "accepted, not yet completed";
            case "SENT" -> "asked, awaiting the advocate's answer";
            case "DECLINED_BY_ADVOCATE" -> "the advocate declined";
            case "DECLINED_BY_OWNER" -> "the owner decided not to ask";
            case "CANCELLED" -> "cancelled";
            case "EXPIRED" -> "expired before the owner acted";
            case "BLOCKED" -> "blocked by the gate";
            default -> "awaiting the owner";
        };
    }
}
