package app.rapport.ask.service;

import java.util.Set;

/** Who is calling: the token's sub and groups. */
public record Caller(String id, Set<String> roles) {
    public boolean has(String role) {
        return roles.contains(role);
    }
}
