package app.rapport.advocate.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile rules, without any framework. */
class AdvocateRulesTest {

    private static Profile valid() {
        return new Profile("crm-1", "Ada Lovelace", "Ada@Example.com", "+44 20 7946 0000", "CTO",
                new Account("acc-1", "Analytical Engines", "Computing", "EMEA", "Enterprise"),
                List.of("kubernetes", "Kubernetes", " data "), List.of("case_study", "REFERENCE_CALL", "CASE_STUDY"),
                new Preferences(2, List.of("video", "EMAIL", "VIDEO")));
    }

    @Test
    void aValidProfileHasNoViolations() {
        assertEquals(List.of(), AdvocateRules.validate(valid(), "u-olivia"));
    }

    @Test
    void everyBadFieldIsNamed() {
        Profile p = new Profile(null, " ", "not-an-email", "no digits", null, new Account("", null, null, null, null),
                List.of("ok", " "), List.of("REFERENCE_CALL", "COFFEE"), new Preferences(-1, List.of("PIGEON")));
        List<String> fields = AdvocateRules.validate(p, "").stream().map(Violation::field).toList();
        assertEquals(List.of("name", "email", "phone", "account.id", "account.name", "ownerId", "tags[1]",
                "activities[1]", "preferences.maxAsksPerQuarter", "preferences.channels[0]"), fields);
    }

    @Test
    void unknownActivityMessageListsTheAllowedOnes() {
        Profile p = new Profile(null, "A", "a@b.co", null, null, new Account("x", "X", null, null, null),
                List.of(), List.of("COFFEE"), null);
        Violation v = AdvocateRules.validate(p, "u").get(0);
        assertEquals("activities[0]", v.field());
        assertTrue(v.message().contains("'COFFEE' is not an activity type"), v.message());
        assertTrue(v.message().contains("PRODUCT_FEEDBACK"), v.message());
    }

    @Test
    void missingAccountIsNamed() {
        Profile p = new Profile(null, "A", "a@b.co", null, null, null, null, null, null);
        assertEquals(List.of("account"), AdvocateRules.validate(p, "u").stream().map(Violation::field).toList());
    }

    @Test
    void normalisingTrimsDedupesAndCanonicalises() {
        Profile n = AdvocateRules.normalize(valid());
        assertEquals(List.of("kubernetes", "data"), n.tags());
        assertEquals(List.of("REFERENCE_CALL", "CASE_STUDY"), n.activities()); // catalogue order
        assertEquals(List.of("VIDEO", "EMAIL"), n.preferences().channels()); // order of preference kept
        assertEquals("ada@example.com", n.emailKey());
        assertEquals("Ada@Example.com", n.email());
        // normalising is idempotent, so a re-import compares equal
        assertEquals(n, AdvocateRules.normalize(n));
    }

    @Test
    void changedFieldsNamesWhatDiffers() {
        Profile a = AdvocateRules.normalize(valid());
        Profile b = new Profile(a.externalId(), "Ada King", a.email(), null, a.title(), a.account(), a.tags(),
                a.activities(), a.preferences());
        assertEquals(List.of("name", "phone"), b.changedFields(a));
        assertEquals(List.of(), a.changedFields(a));
    }
}
