package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Advocate;
import app.rapport.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the token's {@code sub}, and whether they may see an advocate's contact details. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    SecurityIdentity identity;

    public String sub() {
        return jwt.getSubject();
    }

    /** Contact details go to the advocate's owner, programme-managers and admins only. */
    public boolean maySeeContact(Advocate a) {
        if (identity.hasRole(Roles.PROGRAMME_MANAGER) || identity.hasRole(Roles.ADMIN)) {
            return true;
        }
        String sub = sub();
        return sub != null && sub.equals(a.ownerId());
    }

    public AdvocateResponse view(Advocate a) {
        return AdvocateResponse.of(a, maySeeContact(a));
    }
}
