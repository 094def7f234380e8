package app.rapport.ask.mapping;

import app.rapport.ask.rest.AskResponses.AskResponse;
import app.rapport.ask.rest.AskResponses.Brief;
import app.rapport.ask.rest.AskResponses.ContextBody;
import app.rapport.ask.rest.AskResponses.HistoryEntry;
import app.rapport.ask.rest.AskResponses.OutcomeBody;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

/** Ask documents to response bodies. */
public final class AskMapping {

    public static AskResponse toResponse(Document d, Brief brief) {
        Document c = d.get("context", Document.class);
        ContextBody context = c == null ? null
                : new ContextBody(c.getString("opportunity"), c.getString("need"), c.getString("notes"));
        List<HistoryEntry> history = d.getList("history", Document.class, List.of()).stream()
                .map(h -> new HistoryEntry(instant(h.getDate("at")), h.getString("by"), h.getString("action"),
                        h.getString("note")))
                .toList();
        String dueBy = d.getString("dueBy");
        return new AskResponse(d.getString("_id"), d.getString("advocateId"), d.getString("accountId"),
                d.getString("requesterId"), d.getString("ownerId"), d.getString("activity"),
                dueBy == null ? null : LocalDate.parse(dueBy), context, d.getString("status"),
                EligibilityMapping.fromDocument(d.get("eligibility", Document.class)), brief, history,
                instant(d.getDate("createdAt")), instant(d.getDate("updatedAt")), instant(d.getDate("sentAt")),
                d.getString("channel"), d.getList("overriddenCodes", String.class),
                outcome(d.get("outcome", Document.class)));
    }

    static OutcomeBody outcome(Document o) {
        if (o == null) {
            return null;
        }
        String amount = o.getString("amount");
        return new OutcomeBody(o.getString("result"), amount == null ? null : new BigDecimal(amount),
                o.getString("currency"), LocalDate.parse(o.getString("closedOn")), o.getString("story"),
                o.getString("recordedBy"), instant(o.getDate("recordedAt")));
    }

    static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    private AskMapping() {
    }
}
