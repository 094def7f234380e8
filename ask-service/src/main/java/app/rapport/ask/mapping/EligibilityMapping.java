package app.rapport.ask.mapping;

import app.rapport.ask.domain.eligibility.Decision;
import app.rapport.ask.domain.eligibility.Reason;
import app.rapport.ask.domain.eligibility.Severity;
import app.rapport.ask.rest.AskResponses.EligibilityResponse;
import app.rapport.ask.rest.AskResponses.ReasonResponse;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Eligibility decisions to and from documents and responses. */
public final class EligibilityMapping {

    public static Document toDocument(Decision d, Instant checkedAt, Instant asOf) {
        List<Document> reasons = new ArrayList<>();
        for (Reason r : d.reasons()) {
            reasons.add(new Document("code", r.code()).append("severity", r.severity().name())
                    .append("message", r.message())
                    .append("until", r.until() == null ? null : r.until().toString())
                    .append("evidence", new Document(r.evidence())));
        }
        return new Document("eligible", d.eligible()).append("checkedAt", Date.from(checkedAt))
                .append("asOf", asOf == null ? null : Date.from(asOf)).append("reasons", reasons);
    }

    public static EligibilityResponse fromDocument(Document d) {
        if (d == null) {
            return null;
        }
        List<ReasonResponse> reasons = new ArrayList<>();
        for (Document r : d.getList("reasons", Document.class, List.of())) {
            String until = r.getString("until");
            reasons.add(new ReasonResponse(r.getString("code"), r.getString("severity"), r.getString("message"),
                    until == null ? null : LocalDate.parse(until), plain(r.get("evidence", Document.class))));
        }
        Date checked = d.getDate("checkedAt");
        Date asOf = d.getDate("asOf");
        return new EligibilityResponse(d.getBoolean("eligible", false), checked == null ? null : checked.toInstant(),
                asOf == null ? null : asOf.toInstant(), reasons);
    }

    public static EligibilityResponse toResponse(Decision d, Instant checkedAt, Instant asOf) {
        List<ReasonResponse> reasons = d.reasons().stream().map(EligibilityMapping::toResponse).toList();
        return new EligibilityResponse(d.eligible(), checkedAt, asOf, reasons);
    }

    public static ReasonResponse toResponse(Reason r) {
        return new ReasonResponse(r.code(), r.severity().name(), r.message(), r.until(), r.evidence());
    }

    public static List<String> hardCodes(Decision d) {
        return d.reasons().stream().filter(r -> r.severity() == Severity.HARD).map(Reason::code).toList();
    }

    /** A document as plain maps and lists, for JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Document d) {
        if (d == null) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        d.forEach((k, v) -> m.put(k, plainValue(v)));
        return m;
    }

    private static Object plainValue(Object v) {
        if (v instanceof Document doc) {
            return plain(doc);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(EligibilityMapping::plainValue).toList();
        }
        if (v instanceof Date date) {
            return date.toInstant().toString();
        }
        return v;
    }

    private EligibilityMapping() {
    }
}
