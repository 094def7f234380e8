package app.rapport.events.ask;

import app.rapport.events.vocabulary.Activity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The value of each event of an ask's life on ask-events, one record per {@code ce_type} (see
 * {@link AskLifecycleEvents}): the ask as it is after the event (ids, owner, activity, status,
 * dueBy), who caused it and when, and only the fields that type carries. Ids, codes and times only:
 * never the ask's context or notes, the owner's reasons, or the reasons' messages.
 */
public sealed interface AskLifecycleEvent permits AskRequested, AskRouted, AskBlocked, AskOverridden,
        AskSent, AskDeclinedByOwner, AskAccepted, AskDeclinedByAdvocate,
        AskCompleted, AskCancelled, AskExpired, AskReassigned {
    String askId();

    String advocateId();

    String accountId();

    String requesterId();

    /** The owner the ask is with after the event. */
    String ownerId();

    Activity activity();

    /** The ask's state after the event. */
    String status();

    LocalDate dueBy();

    /** The user id that caused the event, or {@code system}. */
    String by();

    Instant at();
}
