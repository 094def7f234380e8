package app.rapport.localstack;

import app.rapport.web.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo programme, seeded through the gateway's public REST API with tokens of the local key,
 * every request body built with Jackson: six advocates in three accounts, a leave and a busy flag,
 * four touchpoints and four asks, one of them made personally. Each exchange goes to
 * {@code logs/seed.log}.
 */
final class DemoSeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LaunchSettings settings;
    private final Console console;
    private final LocalKeys keys;
    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> advocates = new HashMap<>();
    private PrintWriter log;
    private String step = "";

    DemoSeed(LaunchSettings settings, Console console, LocalKeys keys, String gateway) {
        this.settings = settings;
        this.console = console;
        this.keys = keys;
        this.gateway = gateway;
    }

    /** Why a step failed. */
    private static final class SeedFailure extends Exception {
        SeedFailure(String message) {
            super(message);
        }
    }

    private record Answer(int status, String body, String location) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        /** The id of what a 201 created: from Location, else the body's id. */
        String createdId() {
            if (location != null && !location.isBlank()) {
                return location.substring(location.lastIndexOf('/') + 1);
            }
            return json().path("id").asText("");
        }
    }

    boolean run() {
        Path logFile = settings.log("seed");
        try {
            Files.createDirectories(logFile.getParent());
            log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.info("seeding a small demo programme through the gateway's REST API (log: " + settings.shown(logFile) + ")");
        try (PrintWriter closing = log) {
            steps();
            Files.writeString(settings.state().resolve("seeded"),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n", StandardCharsets.UTF_8);
            console.info("demo data ready: try  curl -H \"Authorization: Bearer $(./rapport token u-olivia owner)\" "
                    + "localhost:8080/api/asks/inbox");
            return true;
        } catch (SeedFailure e) {
            console.alarm("SEEDING FAILED:", e.getMessage());
            console.stderr("The stack is still up and running. Details: " + settings.shown(logFile)
                    + ". Retry on an empty stack with ./rapport seed.");
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void steps() throws SeedFailure {
        String pm = token("u-pat", Roles.PROGRAMME_MANAGER);
        String olivia = token("u-olivia", Roles.OWNER);
        String omar = token("u-omar", Roles.OWNER);
        String riley = token("u-riley", Roles.REQUESTER);
        String rosa = token("u-rosa", Roles.REQUESTER);

        step = "checking for existing advocates";
        Answer existing = expect(api("GET", "/api/advocates?size=1", pm, null), 200);
        if (existing.json().path("total").asLong(-1) != 0) {
            console.say("    advocates already exist: not seeding");
            return;
        }

        ObjectNode northwind = account("acc-northwind", "Northwind Traders", "Retail", "EMEA", "Enterprise");
        ObjectNode globex = account("acc-globex", "Globex", "Manufacturing", "NA", "Mid-Market");
        ObjectNode initech = account("acc-initech", "Initech", "Software", "APAC", "SMB");
        advocate(pm, "ada", "Ada Park", "ada.park@northwind.example", "VP Engineering", northwind, "u-olivia",
                List.of("cloud", "retail"), List.of("REFERENCE_CALL", "CASE_STUDY", "REVIEW"));
        advocate(pm, "ben", "Ben Okafor", "ben.okafor@northwind.example", "Head of Analytics", northwind, "u-omar",
                List.of("analytics", "retail"), List.of("REFERENCE_CALL", "SPEAKING", "WEBINAR"));
        advocate(pm, "chen", "Chen Li", "chen.li@globex.example", "Plant IT Director", globex, "u-olivia",
                List.of("manufacturing", "iot"), List.of("REFERENCE_CALL", "PRODUCT_FEEDBACK"));
        advocate(pm, "dara", "Dara Singh", "dara.singh@globex.example", "CIO", globex, "u-omar",
                List.of("cloud", "manufacturing"), List.of("CASE_STUDY", "REVIEW", "REFERENCE_CALL"));
        advocate(pm, "eva", "Eva Novak", "eva.novak@initech.example", "CISO", initech, "u-olivia",
                List.of("security"), List.of("ANALYST_BRIEFING", "PRESS", "REFERENCE_CALL"));
        advocate(pm, "femi", "Femi Adeyemi", "femi.adeyemi@initech.example", "Platform Lead", initech, "u-omar",
                List.of("cloud", "security"), List.of("REFERENCE_CALL", "WEBINAR"));
        console.say("    6 advocates across 3 accounts (owners u-olivia and u-omar)");

        step = "scheduling a leave for Chen Li";
        expect(api("POST", "/api/advocates/" + adv("chen") + "/leaves", pm,
                object().put("from", day(0)).put("to", day(10)).put("reason", "Parental leave")), 201);
        step = "marking Dara Singh busy";
        expect(api("PUT", "/api/advocates/" + adv("dara") + "/busy", pm,
                object().put("until", day(14)).put("note", "knee-deep in an internal project")), 200, 204);
        console.say("    a leave (Chen Li) and a busy flag (Dara Singh)");

        step = "recording touchpoints";
        expect(api("POST", "/api/touchpoints", olivia, object().put("advocateId", adv("ada")).put("type", "CHECK_IN")
                .put("occurredAt", instant(-5)).put("note", "Quarterly catch-up; happy to help with retail references")), 201);
        expect(api("POST", "/api/touchpoints", omar, object().put("advocateId", adv("ben")).put("type", "THANK_YOU")
                .put("occurredAt", instant(-20)).put("note", "Thanked Ben for the summit talk")), 201);
        expect(api("POST", "/api/touchpoints", omar, object().put("advocateId", adv("femi")).put("type", "MEETING")
                .put("occurredAt", instant(-3)).put("note", "Roadmap session")), 201);
        expect(api("POST", "/api/touchpoints", olivia, object().put("advocateId", adv("eva")).put("type", "NOTE")
                .put("note", "Prefers video calls, never before 10:00 CET")), 201);
        console.say("    4 touchpoints");

        waitGate(riley, "ada", "REFERENCE_CALL", true);
        String adaAsk = ask(riley, "ada", "REFERENCE_CALL", 21, "A retail reference for a cloud migration", "Contoso Retail renewal");
        waitGate(riley, "eva", "ANALYST_BRIEFING", true);
        ask(rosa, "eva", "ANALYST_BRIEFING", 30, "An analyst briefing on our security story", "Analyst day Q1");
        waitGate(riley, "femi", "WEBINAR", true);
        ask(rosa, "femi", "WEBINAR", 28, "A co-presenter for the platform webinar", "Platform webinar");
        waitGate(riley, "chen", "REFERENCE_CALL", false);
        ask(riley, "chen", "REFERENCE_CALL", 7, "A manufacturing reference call this week", "Acme Manufacturing deal");

        step = "u-olivia making the ask to Ada Park personally";
        expect(api("POST", "/api/asks/" + adaAsk + "/send", olivia,
                object().put("channel", "VIDEO").put("note", "Asked Ada on our monthly call")), 200);
        console.say("    u-olivia made one ask personally (Ada Park, SENT)");
    }

    private String token(String sub, String role) {
        return keys.token(sub, List.of(role));
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static ObjectNode account(String id, String name, String industry, String region, String segment) {
        return object().put("id", id).put("name", name).put("industry", industry).put("region", region).put("segment", segment);
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private void advocate(String token, String key, String name, String email, String title, ObjectNode account,
                          String owner, List<String> tags, List<String> activities) throws SeedFailure {
        step = "creating advocate " + name;
        ObjectNode body = object().put("externalId", "demo-" + key).put("name", name).put("email", email).put("title", title);
        body.set("account", account);
        body.put("ownerId", owner);
        body.set("tags", array(tags));
        body.set("activities", array(activities));
        ObjectNode preferences = body.putObject("preferences");
        preferences.put("maxAsksPerQuarter", 2);
        preferences.set("channels", array(List.of("VIDEO", "EMAIL")));
        String id = expect(api("POST", "/api/advocates", token, body), 201).createdId();
        if (id.isEmpty()) {
            throw new SeedFailure(step + ": no id in the answer");
        }
        advocates.put(key, id);
    }

    private String adv(String key) {
        return advocates.getOrDefault(key, "");
    }

    private String ask(String token, String key, String activity, int dueInDays, String need, String opportunity)
            throws SeedFailure {
        step = "asking " + key + " (" + adv(key) + ") for " + activity;
        ObjectNode body = object().put("advocateId", adv(key)).put("activity", activity).put("dueBy", day(dueInDays));
        body.putObject("context").put("opportunity", opportunity).put("need", need).put("notes", "Seeded demo ask");
        Answer a = expect(api("POST", "/api/asks", token, body), 201);
        String status = a.json().path("status").asText("");
        console.say(String.format("    ask: %-26s -> %s", key + " " + activity, status.isEmpty() ? "?" : status));
        return a.createdId();
    }

    /**
     * Polls the dry-run gate until it shows the advocate eligible (or, {@code eligible} false, on
     * leave), so that ask-service's projection, fed through Kafka, has caught up with the writes.
     */
    private void waitGate(String token, String key, String activity, boolean eligible) {
        String want = eligible ? "\"eligible\":true" : "ON_LEAVE";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Answer a = api("GET", "/api/eligibility?advocateId=" + adv(key) + "&activity=" + activity, token, null);
            if (a.status() == 200 && (eligible ? a.json().path("eligible").asBoolean(false) : a.body().contains(want))) {
                return;
            }
            Processes.sleep(1000);
        }
        console.warn("ask-service's gate did not show " + want + " for " + adv(key) + " within 30s; asking anyway");
    }

    private Answer expect(Answer a, int... statuses) throws SeedFailure {
        for (int s : statuses) {
            if (a.status() == s) {
                return a;
            }
        }
        String body = a.body().length() > 300 ? a.body().substring(0, 300) : a.body();
        StringBuilder wanted = new StringBuilder();
        for (int s : statuses) {
            wanted.append(wanted.length() == 0 ? "" : " ").append(s);
        }
        throw new SeedFailure(step + " answered " + (a.status() < 0 ? "000" : a.status()) + " (wanted " + wanted + "): " + body);
    }

    private Answer api(String method, String path, String token, JsonNode body) {
        String json = body == null ? "" : body.toString();
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        Answer a;
        try {
            HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            a = new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            a = new Answer(-1, "", null);
            log.println(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted", 130);
        }
        log.printf("%s %s %s -> %s%n  request: %s%n  response: %s%n",
                DateTimeFormatter.ofPattern("HH:mm:ss").format(Instant.now().atOffset(ZoneOffset.UTC)),
                method, path, a.status() < 0 ? "000" : a.status(), json, a.body());
        return a;
    }

    /** The date {@code n} days from today (UTC). */
    static String day(int n) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(n).toString();
    }

    /** The instant {@code n} days from now, to the second. */
    static String instant(int n) {
        return Instant.now().plus(Duration.ofDays(n)).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
