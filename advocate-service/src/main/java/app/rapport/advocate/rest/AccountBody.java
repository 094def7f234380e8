package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Account;

/** An advocate's account, in requests and responses. */
public record AccountBody(String id, String name, String industry, String region, String segment) {

    public Account toDomain() {
        return new Account(id, name, industry, region, segment);
    }

    public static AccountBody of(Account a) {
        return a == null ? null : new AccountBody(a.id(), a.name(), a.industry(), a.region(), a.segment());
    }
}
