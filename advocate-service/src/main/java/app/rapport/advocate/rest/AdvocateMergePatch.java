package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Account;
import app.rapport.advocate.domain.DomainException;
import app.rapport.advocate.domain.Preferences;
import app.rapport.advocate.domain.Profile;
import app.rapport.advocate.domain.Violation;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * An RFC 7396 JSON merge patch of an advocate's profile. A member sets the field, {@code null}
 * removes it (an empty list for {@code tags} and {@code activities}, defaults for
 * {@code preferences}), an object ({@code account}, {@code preferences}) is merged member by member.
 * The owner, status, leaves and busy have their own operations (and events) and are refused here.
 * The structure is checked when the patch is read; the resulting profile is checked by the same
 * rules as a create when the patch is applied.
 */
public final class AdvocateMergePatch {
    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt");
    private static final Map<String, String> OWN_OPERATION = Map.of(
            "ownerId", "PUT /api/advocates/{id}/owner",
            "status", "PUT /api/advocates/{id}/status",
            "leaves", "POST /api/advocates/{id}/leaves and DELETE /api/advocates/{id}/leaves/{leaveId}",
            "busy", "PUT or DELETE /api/advocates/{id}/busy");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("id", "name", "industry", "region", "segment");

    private AdvocateMergePatch() {
    }

    /**
     * Reads a patch document.
     *
     * @return the change it makes to a profile
     * @throws DomainException naming every unknown, read-only or mistyped member
     */
    public static UnaryOperator<Profile> parse(JsonNode patch) {
        if (patch == null || patch.isMissingNode() || !patch.isObject()) {
            throw new DomainException("body", "must be a JSON object (a merge patch)");
        }
        List<Violation> errors = new ArrayList<>();
        List<UnaryOperator<Profile>> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode value = e.getValue();
            UnaryOperator<Profile> op = switch (field) {
                case "externalId" -> text(errors, field, value, (p, v) -> new Profile(v, p.name(), p.email(),
                        p.phone(), p.title(), p.account(), p.tags(), p.activities(), p.preferences()));
                case "name" -> text(errors, field, value, (p, v) -> new Profile(p.externalId(), v, p.email(),
                        p.phone(), p.title(), p.account(), p.tags(), p.activities(), p.preferences()));
                case "email" -> text(errors, field, value, (p, v) -> new Profile(p.externalId(), p.name(), v,
                        p.phone(), p.title(), p.account(), p.tags(), p.activities(), p.preferences()));
                case "phone" -> text(errors, field, value, (p, v) -> new Profile(p.externalId(), p.name(),
                        p.email(), v, p.title(), p.account(), p.tags(), p.activities(), p.preferences()));
                case "title" -> text(errors, field, value, (p, v) -> new Profile(p.externalId(), p.name(),
                        p.email(), p.phone(), v, p.account(), p.tags(), p.activities(), p.preferences()));
                case "tags" -> list(errors, field, value, (p, v) -> new Profile(p.externalId(), p.name(),
                        p.email(), p.phone(), p.title(), p.account(), v, p.activities(), p.preferences()));
                case "activities" -> list(errors, field, value, (p, v) -> new Profile(p.externalId(), p.name(),
                        p.email(), p.phone(), p.title(), p.account(), p.tags(), v, p.preferences()));
                case "account" -> account(errors, value);
                case "preferences" -> preferences(errors, value);
                default -> {
                    if (READ_ONLY.contains(field)) {
                        errors.add(new Violation(field, "is read-only"));
                    } else if (OWN_OPERATION.containsKey(field)) {
                        errors.add(new Violation(field, "cannot be changed by PATCH; use " + OWN_OPERATION.get(field)));
                    } else {
                        errors.add(new Violation(field, "is not a known field"));
                    }
                    yield null;
                }
            };
            if (op != null) {
                ops.add(op);
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(errors);
        }
        List<UnaryOperator<Profile>> all = List.copyOf(ops);
        return p -> {
            Profile r = p;
            for (UnaryOperator<Profile> op : all) {
                r = op.apply(r);
            }
            return r;
        };
    }

    private static UnaryOperator<Profile> text(List<Violation> errors, String field, JsonNode value,
            BiFunction<Profile, String, Profile> set) {
        if (value.isNull()) {
            return p -> set.apply(p, null);
        }
        if (value.isTextual()) {
            String s = value.asText();
            return p -> set.apply(p, s);
        }
        errors.add(new Violation(field, "must be a string"));
        return null;
    }

    private static UnaryOperator<Profile> list(List<Violation> errors, String field, JsonNode value,
            BiFunction<Profile, List<String>, Profile> set) {
        List<String> list = strings(errors, field, value);
        return list == null ? null : p -> set.apply(p, list);
    }

    private static List<String> strings(List<Violation> errors, String field, JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(new Violation(field, "must be an array of strings"));
            return null;
        }
        List<String> list = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isNull()) {
                list.add(null);
            } else if (item.isTextual()) {
                list.add(item.asText());
            } else {
                errors.add(new Violation(field + "[" + i + "]", "must be a string"));
                ok = false;
            }
        }
        return ok ? list : null;
    }

    private static UnaryOperator<Profile> account(List<Violation> errors, JsonNode value) {
        if (value.isNull()) {
            return p -> withAccount(p, null);
        }
        if (!value.isObject()) {
            errors.add(new Violation("account", "must be an object"));
            return null;
        }
        List<UnaryOperator<Account>> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            String path = "account." + f;
            JsonNode v = e.getValue();
            if (!ACCOUNT_FIELDS.contains(f)) {
                errors.add(new Violation(path, "is not a known field"));
            } else if (!v.isNull() && !v.isTextual()) {
                errors.add(new Violation(path, "must be a string"));
            } else {
                String s = v.isNull() ? null : v.asText();
                changes.add(a -> switch (f) {
                    case "id" -> new Account(s, a.name(), a.industry(), a.region(), a.segment());
                    case "name" -> new Account(a.id(), s, a.industry(), a.region(), a.segment());
                    case "industry" -> new Account(a.id(), a.name(), s, a.region(), a.segment());
                    case "region" -> new Account(a.id(), a.name(), a.industry(), s, a.segment());
                    default -> new Account(a.id(), a.name(), a.industry(), a.region(), s);
                });
            }
        }
        return p -> {
            Account a = p.account() == null ? new Account(null, null, null, null, null) : p.account();
            for (UnaryOperator<Account> c : changes) {
                a = c.apply(a);
            }
            return withAccount(p, a);
        };
    }

    private static UnaryOperator<Profile> preferences(List<Violation> errors, JsonNode value) {
        if (value.isNull()) {
            return p -> withPreferences(p, Preferences.NONE);
        }
        if (!value.isObject()) {
            errors.add(new Violation("preferences", "must be an object"));
            return null;
        }
        List<UnaryOperator<Preferences>> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            String path = "preferences." + f;
            JsonNode v = e.getValue();
            if (f.equals("maxAsksPerQuarter")) {
                if (v.isNull()) {
                    changes.add(pr -> new Preferences(null, pr.channels()));
                } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                    int n = v.asInt();
                    changes.add(pr -> new Preferences(n, pr.channels()));
                } else {
                    errors.add(new Violation(path, "must be a whole number"));
                }
            } else if (f.equals("channels")) {
                List<String> channels = strings(errors, path, v);
                if (channels != null) {
                    changes.add(pr -> new Preferences(pr.maxAsksPerQuarter(), channels));
                }
            } else {
                errors.add(new Violation(path, "is not a known field"));
            }
        }
        return p -> {
            Preferences pr = p.preferences();
            for (UnaryOperator<Preferences> c : changes) {
                pr = c.apply(pr);
            }
            return withPreferences(p, pr);
        };
    }

    private static Profile withAccount(Profile p, Account a) {
        return new Profile(p.externalId(), p.name(), p.email(), p.phone(), p.title(), a, p.tags(), p.activities(),
                p.preferences());
    }

    private static Profile withPreferences(Profile p, Preferences pr) {
        return new Profile(p.externalId(), p.name(), p.email(), p.phone(), p.title(), p.account(), p.tags(),
                p.activities(), pr);
    }
}
