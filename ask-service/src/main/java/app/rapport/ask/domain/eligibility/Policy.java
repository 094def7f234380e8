package app.rapport.ask.domain.eligibility;

import java.util.LinkedHashMap;
import java.util.Map;

/** The programme's thresholds (defaults in docs/eligibility.md), versioned. */
public record Policy(int version, int minDaysBetweenAsks, int advocateBudgetPer90Days, int accountBudgetPer90Days,
        int maxOpenAsksPerAdvocate, int renewalQuietDays, int maxRoutedAsksPerOwnerPer7Days, int consentMaxAgeDays,
        int maxTakeOverGive) {

    public static final int WINDOW_DAYS = 90;
    public static final int DEFAULT_LEAVE_HORIZON_DAYS = 14;
    /** OWNER_CAPACITY counts asks routed less than this many days ago. */
    public static final int OWNER_WINDOW_DAYS = 7;
    /** GIVE_TAKE_BALANCE compares uses and gives less than this many days old. */
    public static final int GIVE_TAKE_WINDOW_DAYS = 180;
    /** DETRACTOR: a detractor NPS response counts while it is less than this many days old. */
    public static final int DETRACTOR_DAYS = 90;
    /** DETRACTOR: a score at or below this is a detractor. */
    public static final int DETRACTOR_MAX_SCORE = 6;

    public static final int DEFAULT_RENEWAL_QUIET_DAYS = 30;
    public static final int DEFAULT_MAX_ROUTED_PER_OWNER = 5;
    public static final int DEFAULT_CONSENT_MAX_AGE_DAYS = 365;
    public static final int DEFAULT_MAX_TAKE_OVER_GIVE = 2;

    /** The first batch's thresholds; the second batch's take their defaults. */
    public Policy(int version, int minDaysBetweenAsks, int advocateBudgetPer90Days, int accountBudgetPer90Days,
            int maxOpenAsksPerAdvocate) {
        this(version, minDaysBetweenAsks, advocateBudgetPer90Days, accountBudgetPer90Days, maxOpenAsksPerAdvocate,
                DEFAULT_RENEWAL_QUIET_DAYS, DEFAULT_MAX_ROUTED_PER_OWNER, DEFAULT_CONSENT_MAX_AGE_DAYS,
                DEFAULT_MAX_TAKE_OVER_GIVE);
    }

    public static Policy defaults() {
        return new Policy(1, 30, 2, 4, 1);
    }

    public Map<String, Integer> thresholds() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("minDaysBetweenAsks", minDaysBetweenAsks);
        m.put("advocateBudgetPer90Days", advocateBudgetPer90Days);
        m.put("accountBudgetPer90Days", accountBudgetPer90Days);
        m.put("maxOpenAsksPerAdvocate", maxOpenAsksPerAdvocate);
        m.put("renewalQuietDays", renewalQuietDays);
        m.put("maxRoutedAsksPerOwnerPer7Days", maxRoutedAsksPerOwnerPer7Days);
        m.put("consentMaxAgeDays", consentMaxAgeDays);
        m.put("maxTakeOverGive", maxTakeOverGive);
        return m;
    }
}
