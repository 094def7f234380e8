package app.rapport.advocate.mapping;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.Advocate;
import app.rapport.events.vocabulary.AdvocateStatus;
import app.rapport.advocate.domain.Busy;
import app.rapport.advocate.domain.Leave;
import app.rapport.advocate.domain.Preferences;
import app.rapport.advocate.domain.Profile;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stored form of an advocate (collection {@code advocates}). Instants are BSON dates, calendar
 * dates {@code YYYY-MM-DD} strings. Optional fields are left out rather than stored as null, so that
 * the sparse unique index on {@code externalId} only sees advocates that have one. {@code emailKey}
 * (the lower-cased email) carries the unique index on email; {@code nameKey} the sort order.
 */
public final class AdvocateDocuments {
    public static final String ID = "_id";
    public static final String EXTERNAL_ID = "externalId";
    public static final String NAME = "name";
    public static final String NAME_KEY = "nameKey";
    public static final String EMAIL = "email";
    public static final String EMAIL_KEY = "emailKey";
    public static final String PHONE = "phone";
    public static final String TITLE = "title";
    public static final String ACCOUNT = "account";
    public static final String ACCOUNT_ID = "account.id";
    public static final String ACCOUNT_NAME = "account.name";
    public static final String OWNER_ID = "ownerId";
    public static final String TAGS = "tags";
    public static final String ACTIVITIES = "activities";
    public static final String PREFERENCES = "preferences";
    public static final String STATUS = "status";
    public static final String LEAVES = "leaves";
    public static final String BUSY = "busy";
    public static final String VERSION = "version";
    /** {@code consents: {ACTIVITY: "yyyy-MM-dd"}}, the day each opt-in was confirmed. */
    public static final String CONSENTS = "consents";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    /** The whole state as a document to insert (without outbox). */
    public static Document toDocument(Advocate a) {
        Document d = new Document(ID, a.id());
        stateFields(a).forEach((k, v) -> {
            if (v != null) {
                d.append(k, v);
            }
        });
        return d;
    }

    /** The update that turns any stored version into {@code a}: $set what is there, $unset what is not. */
    public static Bson replaceState(Advocate a) {
        List<Bson> updates = new ArrayList<>();
        stateFields(a).forEach((k, v) -> updates.add(v == null ? Updates.unset(k) : Updates.set(k, v)));
        return Updates.combine(updates);
    }

    private static Map<String, Object> stateFields(Advocate a) {
        Profile p = a.profile();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(EXTERNAL_ID, p.externalId());
        m.put(NAME, p.name());
        m.put(NAME_KEY, p.name() == null ? null : p.name().toLowerCase(Locale.ROOT));
        m.put(EMAIL, p.email());
        m.put(EMAIL_KEY, p.emailKey());
        m.put(PHONE, p.phone());
        m.put(TITLE, p.title());
        m.put(ACCOUNT, account(p.account()));
        m.put(OWNER_ID, a.ownerId());
        m.put(TAGS, p.tags());
        m.put(ACTIVITIES, p.activities());
        m.put(PREFERENCES, preferences(p.preferences()));
        m.put(STATUS, a.status().name());
        m.put(LEAVES, a.leaves().stream().map(AdvocateDocuments::leave).toList());
        m.put(BUSY, a.busy() == null ? null : busy(a.busy()));
        Document consents = new Document();
        a.consents().forEach((activity, day) -> consents.append(activity, day.toString()));
        m.put(CONSENTS, consents);
        m.put(VERSION, a.version());
        m.put(CREATED_AT, Date.from(a.createdAt()));
        m.put(UPDATED_AT, Date.from(a.updatedAt()));
        return m;
    }

    public static Advocate fromDocument(Document d) {
        Document acc = d.get(ACCOUNT, Document.class);
        Document prefs = d.get(PREFERENCES, Document.class);
        Document busy = d.get(BUSY, Document.class);
        Profile profile = new Profile(d.getString(EXTERNAL_ID), d.getString(NAME), d.getString(EMAIL),
                d.getString(PHONE), d.getString(TITLE),
                acc == null ? null : new Account(acc.getString("id"), acc.getString("name"),
                        acc.getString("industry"), acc.getString("region"), acc.getString("segment")),
                strings(d, TAGS), strings(d, ACTIVITIES),
                prefs == null ? Preferences.NONE : new Preferences(prefs.getInteger("maxAsksPerQuarter"),
                        strings(prefs, "channels")));
        List<Leave> leaves = new ArrayList<>();
        List<Document> ls = d.getList(LEAVES, Document.class);
        if (ls != null) {
            for (Document l : ls) {
                leaves.add(new Leave(l.getString("id"), LocalDate.parse(l.getString("from")),
                        LocalDate.parse(l.getString("to")), l.getString("reason")));
            }
        }
        Number version = d.get(VERSION, Number.class);
        Map<String, LocalDate> consents = new java.util.LinkedHashMap<>();
        Document c = d.get(CONSENTS, Document.class);
        if (c != null) {
            c.forEach((activity, day) -> consents.put(activity, LocalDate.parse((String) day)));
        }
        return new Advocate(d.getString(ID), profile, d.getString(OWNER_ID),
                AdvocateStatus.valueOf(d.getString(STATUS)), leaves,
                busy == null ? null : new Busy(LocalDate.parse(busy.getString("until")), busy.getString("note")),
                consents, version == null ? 0 : version.longValue(),
                d.getDate(CREATED_AT).toInstant(), d.getDate(UPDATED_AT).toInstant());
    }

    private static Document account(Account a) {
        if (a == null) {
            return null;
        }
        Document d = new Document("id", a.id()).append("name", a.name());
        putIfNotNull(d, "industry", a.industry());
        putIfNotNull(d, "region", a.region());
        putIfNotNull(d, "segment", a.segment());
        return d;
    }

    private static Document preferences(Preferences p) {
        Document d = new Document();
        putIfNotNull(d, "maxAsksPerQuarter", p.maxAsksPerQuarter());
        d.append("channels", p.channels());
        return d;
    }

    private static Document leave(Leave l) {
        Document d = new Document("id", l.id()).append("from", l.from().toString()).append("to", l.to().toString());
        putIfNotNull(d, "reason", l.reason());
        return d;
    }

    private static Document busy(Busy b) {
        Document d = new Document("until", b.until().toString());
        putIfNotNull(d, "note", b.note());
        return d;
    }

    private static void putIfNotNull(Document d, String key, Object value) {
        if (value != null) {
            d.append(key, value);
        }
    }

    private static List<String> strings(Document d, String key) {
        List<String> l = d.getList(key, String.class);
        return l == null ? List.of() : l;
    }

    private AdvocateDocuments() {
    }
}
