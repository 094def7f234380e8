package app.rapport.advocate.integrationevents.events;

import app.rapport.advocate.domain.Advocate;
import app.rapport.advocate.domain.Leave;
import app.rapport.advocate.domain.Profile;
import app.rapport.events.EventTypes;
import app.rapport.events.Topics;
import app.rapport.events.advocate.AccountRef;
import app.rapport.events.advocate.AdvocateEvent;
import app.rapport.events.advocate.AdvocateSnapshot;
import app.rapport.events.advocate.LeavePeriod;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.events.vocabulary.Channel;
import app.rapport.messaging.OutboxEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What advocate-service publishes on {@code advocate-events}: one {@link AdvocateEvent} per state
 * change, keyed by the advocate id, carrying the snapshot after the change. The snapshot is built
 * here from the domain value, field by field, so email, phone, leave reasons and the busy note can
 * never slip onto the topic.
 */
public final class AdvocateEvents {

    public static AdvocateSnapshot snapshot(Advocate a) {
        Profile p = a.profile();
        AccountRef account = p.account() == null ? null : new AccountRef(p.account().id(), p.account().name(),
                p.account().industry(), p.account().region(), p.account().segment());
        return new AdvocateSnapshot(a.id(), p.externalId(), p.name(), p.title(), account, a.ownerId(),
                a.status(), p.activities().stream().map(Activity::valueOf).toList(), p.tags(),
                a.leaves().stream().map(AdvocateEvents::period).toList(),
                a.busy() == null ? null : a.busy().until(), p.preferences().maxAsksPerQuarter(),
                p.preferences().channels().stream().map(Channel::valueOf).toList(), a.version(), consents(a));
    }

    /** The stored profile holds normalized names (AdvocateRules.normalize), so each is a constant. */
    private static Map<Activity, LocalDate> consents(Advocate a) {
        Map<Activity, LocalDate> out = new TreeMap<>();
        a.consents().forEach((activity, day) -> out.put(Activity.valueOf(activity), day));
        return out;
    }

    public static LeavePeriod period(Leave l) {
        return new LeavePeriod(l.id(), l.from(), l.to());
    }

    public static OutboxEvent registered(Advocate after, String by) {
        return event(EventTypes.ADVOCATE_REGISTERED, after, null, null, null, null, by);
    }

    public static OutboxEvent updated(Advocate after, List<String> changedFields, String previousOwnerId, String by) {
        return event(EventTypes.ADVOCATE_UPDATED, after, previousOwnerId, null, null, changedFields, by);
    }

    public static OutboxEvent ownerChanged(Advocate after, String previousOwnerId, String by) {
        return event(EventTypes.ADVOCATE_OWNER_CHANGED, after, previousOwnerId, null, null, null, by);
    }

    public static OutboxEvent statusChanged(Advocate after, AdvocateStatus previousStatus, String by) {
        return event(EventTypes.ADVOCATE_STATUS_CHANGED, after, null, previousStatus, null, null, by);
    }

    public static OutboxEvent leaveScheduled(Advocate after, Leave leave, String by) {
        return event(EventTypes.ADVOCATE_LEAVE_SCHEDULED, after, null, null, period(leave), null, by);
    }

    public static OutboxEvent leaveCancelled(Advocate after, Leave leave, String by) {
        return event(EventTypes.ADVOCATE_LEAVE_CANCELLED, after, null, null, period(leave), null, by);
    }

    public static OutboxEvent busySet(Advocate after, String by) {
        return event(EventTypes.ADVOCATE_BUSY_SET, after, null, null, null, null, by);
    }

    public static OutboxEvent busyCleared(Advocate after, String by) {
        return event(EventTypes.ADVOCATE_BUSY_CLEARED, after, null, null, null, null, by);
    }

    private static OutboxEvent event(String type, Advocate after, String previousOwnerId, AdvocateStatus previousStatus,
            LeavePeriod leave, List<String> changedFields, String by) {
        AdvocateEvent payload = new AdvocateEvent(snapshot(after), previousOwnerId, previousStatus, leave,
                changedFields, by, after.updatedAt());
        return OutboxEvent.of(Topics.ADVOCATE_EVENTS, after.id(), type, payload);
    }

    private AdvocateEvents() {
    }
}
