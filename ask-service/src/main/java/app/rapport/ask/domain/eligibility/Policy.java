package app.rapport.ask.domain.eligibility;

import java.util.LinkedHashMap;
import java.util.Map;

/** The programme's thresholds (SPEC.md defaults), versioned. */
public record Policy(int version, int minDaysBetweenAsks, int advocateBudgetPer90Days, int accountBudgetPer90Days,
        int maxOpenAsksPerAdvocate) {

    public static final int WINDOW_DAYS = 90;
    public static final int DEFAULT_LEAVE_HORIZON_DAYS = 14;

    public static Policy defaults() {
        return new Policy(1, 30, 2, 4, 1);
    }

    public Map<String, Integer> thresholds() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("minDaysBetweenAsks", minDaysBetweenAsks);
        m.put("advocateBudgetPer90Days", advocateBudgetPer90Days);
        m.put("accountBudgetPer90Days", accountBudgetPer90Days);
        m.put("maxOpenAsksPerAdvocate", maxOpenAsksPerAdvocate);
        return m;
    }
}
