package app.rapport.touchpoint.mapping;

import app.rapport.touchpoint.domain.Source;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;
import org.bson.Document;

import java.util.Date;

/** Touchpoint ↔ its MongoDB document (instants as BSON dates, ids as strings). */
public final class TouchpointDocuments {
    public static final String ADVOCATE_ID = "advocateId";
    public static final String TYPE = "type";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String RECORDED_AT = "recordedAt";
    public static final String CHANNEL = "channel";
    public static final String NOTE = "note";
    public static final String ASK_ID = "askId";
    public static final String ACTIVITY = "activity";
    public static final String ACCEPTED = "accepted";
    public static final String OUTCOME = "outcome";
    public static final String BY_USER_ID = "byUserId";
    public static final String SOURCE = "source";

    public static Document toDocument(Touchpoint t) {
        Document d = new Document("_id", t.id())
                .append(ADVOCATE_ID, t.advocateId())
                .append(TYPE, t.type().name())
                .append(OCCURRED_AT, Date.from(t.occurredAt()))
                .append(RECORDED_AT, t.recordedAt() == null ? null : Date.from(t.recordedAt()));
        putIfPresent(d, CHANNEL, t.channel());
        putIfPresent(d, NOTE, t.note());
        putIfPresent(d, ASK_ID, t.askId());
        putIfPresent(d, ACTIVITY, t.activity());
        putIfPresent(d, ACCEPTED, t.accepted());
        putIfPresent(d, OUTCOME, t.outcome());
        putIfPresent(d, BY_USER_ID, t.byUserId());
        putIfPresent(d, SOURCE, t.source() == null ? null : t.source().name());
        return d;
    }

    public static Touchpoint fromDocument(Document d) {
        Date recorded = d.getDate(RECORDED_AT);
        String source = d.getString(SOURCE);
        return new Touchpoint(
                d.getString("_id"),
                d.getString(ADVOCATE_ID),
                TouchpointType.valueOf(d.getString(TYPE)),
                d.getDate(OCCURRED_AT).toInstant(),
                recorded == null ? null : recorded.toInstant(),
                d.getString(CHANNEL),
                d.getString(NOTE),
                d.getString(ASK_ID),
                d.getString(ACTIVITY),
                d.getBoolean(ACCEPTED),
                d.getString(OUTCOME),
                d.getString(BY_USER_ID),
                source == null ? null : Source.valueOf(source));
    }

    private static void putIfPresent(Document d, String field, Object value) {
        if (value != null) {
            d.append(field, value);
        }
    }

    private TouchpointDocuments() {
    }
}
