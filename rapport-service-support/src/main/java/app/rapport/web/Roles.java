package app.rapport.web;

/** The roles of Rapport (docs/api.md), as they appear in the token's {@code groups} claim. */
public final class Roles {
    public static final String REQUESTER = "requester";
    public static final String OWNER = "owner";
    public static final String PROGRAMME_MANAGER = "programme-manager";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";
    /** A support, CRM or billing tool sending account signals (docs/api-advocates.md). */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
