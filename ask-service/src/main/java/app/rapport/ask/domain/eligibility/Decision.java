package app.rapport.ask.domain.eligibility;

import java.util.List;

/** The gate's answer: eligible when there are no reasons. */
public record Decision(boolean eligible, List<Reason> reasons) {
    public Decision {
        reasons = List.copyOf(reasons);
    }

    public boolean onlySoft() {
        return reasons.stream().allMatch(r -> r.severity() == Severity.SOFT);
    }

    public List<String> codes() {
        return reasons.stream().map(Reason::code).toList();
    }

    public boolean has(ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code().equals(code.name()));
    }
}
