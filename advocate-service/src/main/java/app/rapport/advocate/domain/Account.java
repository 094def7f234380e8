package app.rapport.advocate.domain;

/** The company an advocate works for. {@code id} and {@code name} are required. */
public record Account(String id, String name, String industry, String region, String segment) {

    public Account normalized() {
        return new Account(Text.clean(id), Text.clean(name), Text.clean(industry), Text.clean(region),
                Text.clean(segment));
    }
}
