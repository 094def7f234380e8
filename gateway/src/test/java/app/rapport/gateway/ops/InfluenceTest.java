package app.rapport.gateway.ops;

import app.rapport.gateway.config.ProgrammeConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The influenced pipeline's arithmetic, on outcomes given by hand. */
class InfluenceTest {
    static final LocalDate TODAY = LocalDate.parse("2026-12-03");

    static Influence.Outcome outcome(String result, String amount, String currency, int daysAgo, String activity,
            String account, String advocate) {
        return new Influence.Outcome("k-" + result + daysAgo + advocate, result,
                amount == null ? null : new BigDecimal(amount), currency, TODAY.minusDays(daysAgo), activity, account,
                advocate);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> m, String... path) {
        Object v = m;
        for (String p : path) {
            v = ((Map<String, Object>) v).get(p);
        }
        return (T) v;
    }

    @Test
    void countsByResultAndKeepsEachCurrencyApartWithTheProgrammesFirst() {
        List<Influence.Outcome> outcomes = List.of(
                outcome("WON", "1000.50", "USD", 0, "REFERENCE_CALL", "acc-1", "a-1"),
                outcome("WON", "0.25", "USD", 89, "CASE_STUDY", "acc-1", "a-2"),
                outcome("WON", "700", "EUR", 3, "REFERENCE_CALL", "acc-2", "a-1"),
                outcome("WON", "50", "CHF", 10, "REFERENCE_CALL", "acc-2", "a-1"),
                outcome("WON", null, null, 4, null, null, "a-3"),
                outcome("LOST", "999", "USD", 5, "REFERENCE_CALL", "acc-1", "a-1"),
                outcome("NO_DECISION", null, null, 6, "CASE_STUDY", "acc-3", "a-2"),
                outcome("WON", "5000", "USD", 90, "REFERENCE_CALL", "acc-3", "a-2"));

        Map<String, Object> w = Influence.window(outcomes, TODAY.minusDays(89), "USD").toJson(id -> null);

        assertEquals(TODAY.minusDays(89).toString(), w.get("since"));
        assertEquals("USD", w.get("currency"));
        assertEquals(5L, (long) at(w, "won", "count"), "the one closed 90 days ago is outside");
        Map<String, Object> amounts = at(w, "won", "amount");
        assertEquals(List.of("USD", "CHF", "EUR"), new ArrayList<>(amounts.keySet()));
        assertEquals(new BigDecimal("1000.75"), amounts.get("USD"));
        assertEquals(new BigDecimal("700"), amounts.get("EUR"));
        assertEquals(new BigDecimal("50"), amounts.get("CHF"));
        assertEquals(1L, (long) at(w, "lost", "count"), "a lost amount is not won");
        assertEquals(1L, (long) at(w, "noDecision", "count"));
        assertEquals(Map.of("won", 3L, "lost", 1L, "noDecision", 0L), at(w, "byActivity", "REFERENCE_CALL"));
        assertEquals(Map.of("won", 1L, "lost", 0L, "noDecision", 1L), at(w, "byActivity", "CASE_STUDY"));
        assertEquals(Map.of("won", 1L, "lost", 0L, "noDecision", 0L), at(w, "byActivity", "UNKNOWN"));
    }

    @Test
    void theProgrammeCurrencyIsListedEvenWithNothingWonInIt() {
        Map<String, Object> w = Influence.window(List.of(outcome("WON", "10", "EUR", 1, "X", "acc", "a")),
                TODAY.minusDays(89), "GBP").toJson(id -> null);
        Map<String, Object> amounts = at(w, "won", "amount");
        assertEquals(List.of("GBP", "EUR"), new ArrayList<>(amounts.keySet()));
        assertEquals(BigDecimal.ZERO, amounts.get("GBP"));
        List<Map<String, Object>> accounts = at(w, "byAccount");
        assertEquals(BigDecimal.ZERO, accounts.get(0).get("wonAmount"), "only the programme currency ranks");
    }

    @Test
    void ranksAccountsAndAdvocatesByWonAmountThenWonCountAndNamesThem() {
        List<Influence.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(outcome("WON", String.valueOf(100 * i), "USD", 1, "X", "acc-" + i, "a-" + i));
        }
        // a-0 won twice but nothing in USD: the amount ranks first, so it stays out of the top 10
        outcomes.add(outcome("WON", "1", "EUR", 2, "X", "acc-0", "a-0"));
        // a-5 and a-50 tie on amount (500); a-50 won twice, so it ranks first
        outcomes.add(outcome("WON", "250", "USD", 1, "X", "acc-50", "a-50"));
        outcomes.add(outcome("WON", "250", "USD", 2, "X", "acc-50", "a-50"));
        outcomes.add(outcome("LOST", null, null, 1, "X", "acc-11", "a-11"));

        Map<String, Document> advocates = Map.of(
                "a-11", new Document("name", "Ada Lovelace").append("accountId", "acc-11").append("accountName", "Acme"),
                "a-10", new Document("name", "Grace Hopper").append("accountId", "acc-moved")
                        .append("accountName", "Elsewhere"));
        Influence.Window window = Influence.window(outcomes, TODAY.minusDays(89), "USD");
        assertTrue(window.advocatesToName().containsAll(List.of("a-11", "a-10", "a-50")));
        Map<String, Object> w = window.toJson(advocates::get);

        List<Map<String, Object>> people = at(w, "byAdvocate");
        assertEquals(10, people.size());
        assertEquals(List.of("a-11", "a-10", "a-9", "a-8", "a-7", "a-6", "a-50", "a-5", "a-4", "a-3"),
                people.stream().map(r -> r.get("advocateId")).toList());
        Map<String, Object> ada = people.get(0);
        assertEquals("Ada Lovelace", ada.get("name"));
        assertEquals(1L, ada.get("won"));
        assertEquals(1L, ada.get("lost"));
        assertEquals(0L, ada.get("noDecision"));
        assertEquals(new BigDecimal("1100"), ada.get("wonAmount"));
        assertEquals(2L, people.get(6).get("won"));
        assertNull(people.get(2).get("name"), "no snapshot of a-9 in the read model");

        List<Map<String, Object>> accounts = at(w, "byAccount");
        assertEquals("acc-11", accounts.get(0).get("accountId"));
        assertEquals("Acme", accounts.get(0).get("name"));
        assertEquals("acc-10", accounts.get(1).get("accountId"));
        assertNull(accounts.get(1).get("name"), "a-10 has moved to another account: its account name is not acc-10's");
    }

    @Test
    void aSumIsWrittenInPlainDigits() {
        Map<String, Object> w = Influence.window(List.of(outcome("WON", "1E+3", "USD", 1, "X", "acc", "a")),
                TODAY.minusDays(89), "USD").toJson(id -> null);
        assertEquals("1000", ((BigDecimal) at(w, "won", "amount", "USD")).toString());
    }

    @Test
    void theProgrammeCurrencyMustBeThreeUppercaseLetters() {
        assertEquals("EUR", ProgrammeConfig.check("EUR"));
        for (String bad : new String[] {"eur", "EURO", "", "US$", null}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProgrammeConfig.check(bad));
            assertTrue(e.getMessage().contains("rapport.programme.currency"), e.getMessage());
        }
    }
}
