package app.rapport.events.vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What kind of contact a touchpoint records, and what each kind counts as, for every service that
 * reads touchpoints (touchpoint-service's relationship health, ask-service's last contact, the
 * gateway's dashboard). Eight types are recorded by people; ASK_SENT, ASK_ANSWERED and OUTCOME only
 * ever come from ask-events.
 */
public enum TouchpointType {
    CHECK_IN(true, true, true),
    THANK_YOU(true, true, true),
    MEETING(true, true, false),
    CALL(true, true, false),
    EMAIL(true, true, false),
    GIFT(true, true, true),
    /** An internal note: kept on the timeline, but it is not contact with the advocate. */
    NOTE(true, false, false),
    /** A reference activity that happened (a completed ask, or one arranged outside Rapport). */
    ACTIVITY(true, true, false),
    ASK_SENT(false, true, false),
    ASK_ANSWERED(false, true, false),
    /**
     * How the opportunity a completed ask served ended (rapport.ask.outcome-recorded.v1): news for
     * the owner to share with the advocate. Not contact with the advocate, not a give, not an ask.
     */
    OUTCOME(false, false, false);

    private final boolean manual;
    private final boolean humanTouch;
    private final boolean give;

    TouchpointType(boolean manual, boolean humanTouch, boolean give) {
        this.manual = manual;
        this.humanTouch = humanTouch;
        this.give = give;
    }

    /** May a person record it through the API? */
    public boolean manual() {
        return manual;
    }

    /** Does it count as human contact with the advocate? */
    public boolean humanTouch() {
        return humanTouch;
    }

    /** Is it a "give" (THANK_YOU, CHECK_IN, GIFT)? */
    public boolean give() {
        return give;
    }

    /** Is it an "ask" (ASK_SENT)? */
    public boolean ask() {
        return this == ASK_SENT;
    }

    public static List<TouchpointType> manualTypes() {
        return Arrays.stream(values()).filter(TouchpointType::manual).toList();
    }

    /** Case-insensitive, blanks ignored; empty when {@code raw} is no touchpoint type. */
    public static Optional<TouchpointType> parse(String raw) {
        return Vocabulary.parse(TouchpointType.class, raw);
    }
}
