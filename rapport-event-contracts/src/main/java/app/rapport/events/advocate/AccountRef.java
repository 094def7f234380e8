package app.rapport.events.advocate;

/** The company an advocate works for. */
public record AccountRef(String id, String name, String industry, String region, String segment) {
}
