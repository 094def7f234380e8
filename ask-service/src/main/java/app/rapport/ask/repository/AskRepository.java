package app.rapport.ask.repository;

import app.rapport.ask.config.Collections;
import app.rapport.ask.domain.AskStatus;
import app.rapport.ask.domain.eligibility.Policy;
import app.rapport.ask.domain.eligibility.Usage;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code asks} collection: each ask is one document carrying its history and its outbox. */
@ApplicationScoped
public class AskRepository {
    @Inject
    Collections collections;

    @Inject
    AdvocateViewRepository views;

    public Document find(String id) {
        return collections.asks().find(Filters.eq("_id", id)).projection(Projections.exclude("outbox")).first();
    }

    /** The advocate's open asks, optionally without one of them. */
    public List<Document> openAsks(String advocateId, String excludeAskId) {
        List<Bson> f = new ArrayList<>(List.of(Filters.eq("advocateId", advocateId),
                Filters.in("status", AskStatus.OPEN_NAMES)));
        if (excludeAskId != null) {
            f.add(Filters.ne("_id", excludeAskId));
        }
        return collections.asks().find(Filters.and(f))
                .projection(Projections.include("activity", "status", "workloadSlot")).into(new ArrayList<>());
    }

    /** Workload slot numbers taken by the advocate's open asks. */
    public static Set<String> takenSlots(List<Document> openAsks) {
        Set<String> s = new HashSet<>();
        for (Document d : openAsks) {
            if (d.getString("workloadSlot") != null) {
                s.add(d.getString("workloadSlot"));
            }
        }
        return s;
    }

    /**
     * Everything the gate needs about use, from this service's asks (sent ones count on their sent
     * date) and the projection's manual ACTIVITY touchpoints.
     */
    public Usage usage(Document view, String excludeAskId, LocalDate today) {
        String advocateId = view.getString("_id");
        String accountId = view.getString("accountId");
        String cutoff = today.minusDays(Policy.WINDOW_DAYS).toString();
        List<Usage.OpenAsk> open = openAsks(advocateId, excludeAskId).stream()
                .map(d -> new Usage.OpenAsk(d.getString("_id"), d.getString("activity"), d.getString("status")))
                .toList();
        List<Usage.Use> uses = new ArrayList<>();
        for (Document d : collections.asks().find(Filters.and(Filters.eq("advocateId", advocateId),
                Filters.gt("sentDate", cutoff))).projection(Projections.include("sentDate", "activity"))) {
            uses.add(Usage.Use.ask(d.getString("_id"), advocateId, LocalDate.parse(d.getString("sentDate")),
                    d.getString("activity")));
        }
        uses.addAll(AdvocateViewRepository.manualUses(view));
        List<Usage.Use> accountUses = new ArrayList<>();
        if (accountId != null) {
            for (Document d : collections.asks().find(Filters.and(Filters.eq("accountId", accountId),
                    Filters.gt("sentDate", cutoff))).projection(Projections.include("sentDate", "activity",
                    "advocateId"))) {
                accountUses.add(Usage.Use.ask(d.getString("_id"), d.getString("advocateId"),
                        LocalDate.parse(d.getString("sentDate")), d.getString("activity")));
            }
            accountUses.addAll(views.accountManualUses(accountId));
        } else {
            accountUses.addAll(uses);
        }
        return new Usage(open, uses, accountUses);
    }
}
