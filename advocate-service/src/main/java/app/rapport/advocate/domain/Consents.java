package app.rapport.advocate.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each opt-in was confirmed ({@code consents: {ACTIVITY: confirmedOn}}). Opting in confirms it
 * that day; opting out forgets it; an opt-in that stays keeps its day. An advocate stored before
 * consent dates existed has none for its opt-ins until they are re-confirmed (the gate then never
 * calls them stale).
 */
public final class Consents {
    private Consents() {
    }

    /**
     * The consent days after the activities changed from {@code before} to {@code after}.
     *
     * @param known the days known before the change (activity → day)
     */
    public static Map<String, LocalDate> follow(Map<String, LocalDate> known, List<String> before, List<String> after,
            LocalDate today) {
        Map<String, LocalDate> out = new LinkedHashMap<>();
        for (String activity : after) {
            LocalDate day = known.get(activity);
            if (day != null) {
                out.put(activity, day);
            } else if (!before.contains(activity)) {
                out.put(activity, today); // newly opted in: confirmed now
            }
        }
        return out;
    }

    /**
     * Re-confirms {@code activities} today (the owner asked the advocate in person). Each must be one the
     * advocate is opted in to.
     *
     * @throws DomainException naming {@code activities[i]} for an unknown or not-opted-in activity, or an empty list
     */
    public static Map<String, LocalDate> reconfirm(Map<String, LocalDate> known, List<String> optedIn,
            List<String> activities, LocalDate today) {
        List<Violation> v = new ArrayList<>();
        if (activities == null || activities.isEmpty()) {
            v.add(new Violation("activities", "must name at least one activity the advocate is opted in to"));
        } else {
            for (int i = 0; i < activities.size(); i++) {
                String a = activities.get(i);
                if (a == null || !optedIn.contains(a)) {
                    v.add(new Violation("activities[" + i + "]", "must be an activity the advocate is opted in to "
                            + optedIn));
                }
            }
        }
        if (!v.isEmpty()) {
            throw new DomainException(v);
        }
        Map<String, LocalDate> out = new LinkedHashMap<>();
        for (String a : optedIn) {
            LocalDate day = activities.contains(a) ? today : known.get(a);
            if (day != null) {
                out.put(a, day);
            }
        }
        return out;
    }
}
