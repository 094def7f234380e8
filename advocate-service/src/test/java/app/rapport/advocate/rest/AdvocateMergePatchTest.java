package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Preferences;
import app.rapport.advocate.domain.Profile;
import app.rapport.advocate.domain.Violation;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON merge patch of a profile, without any framework. */
class AdvocateMergePatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Profile BASE = new Profile("crm-1", "Ada", "ada@example.com", "+1 555", "CTO",
            new Account("acc-1", "Engines", "Computing", "EMEA", null), List.of("a"), List.of("REVIEW"),
            new Preferences(3, List.of("EMAIL")));

    private static Profile patch(String json) throws Exception {
        return AdvocateMergePatch.parse(JSON.readTree(json)).apply(BASE);
    }

    @Test
    void membersSetNullRemovesObjectsMerge() throws Exception {
        Profile p = patch("{\"name\":\"Ada King\",\"phone\":null,\"account\":{\"region\":\"APAC\"},"
                + "\"preferences\":{\"channels\":[\"VIDEO\"]},\"tags\":null}");
        assertEquals("Ada King", p.name());
        assertNull(p.phone());
        assertEquals(new Account("acc-1", "Engines", "Computing", "APAC", null), p.account());
        assertEquals(new Preferences(3, List.of("VIDEO")), p.preferences());
        assertEquals(List.of(), p.tags());
        assertEquals(List.of("REVIEW"), p.activities());
    }

    @Test
    void unknownReadOnlyOwnOperationAndMistypedMembersAreAllNamed() {
        DomainException e = assertThrows(DomainException.class, () -> patch(
                "{\"nickname\":\"x\",\"version\":3,\"ownerId\":\"u\",\"name\":5,\"tags\":[\"ok\",7],"
                        + "\"account\":{\"ceo\":\"x\"},\"preferences\":{\"maxAsksPerQuarter\":\"many\"}}"));
        assertEquals(List.of("nickname", "version", "ownerId", "name", "tags[1]", "account.ceo",
                "preferences.maxAsksPerQuarter"), e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aNonObjectIsRefused() {
        assertThrows(DomainException.class, () -> patch("[1,2]"));
    }
}
