package app.rapport.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.regex.Pattern;

/**
 * The advocacy programme the ops dashboard reports on.
 * <pre>
 * rapport.programme.currency=USD   (RAPPORT_PROGRAMME_CURRENCY) the programme's one currency, ISO 4217:
 *                                  the influenced pipeline's won amounts and rankings are in it; amounts in
 *                                  any other currency are listed apart, never converted
 * </pre>
 * Checked at startup ({@link #check}): anything but three uppercase letters stops the gateway.
 */
@ConfigMapping(prefix = "rapport.programme")
public interface ProgrammeConfig {
    Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    @WithDefault("USD")
    String currency();

    /** The currency, if it is three uppercase letters; otherwise an exception that says what to set. */
    static String check(String currency) {
        if (currency == null || !ISO_4217.matcher(currency).matches()) {
            throw new IllegalStateException("rapport.programme.currency (RAPPORT_PROGRAMME_CURRENCY) is '" + currency
                    + "': it must be an ISO 4217 currency code, three uppercase letters such as USD or EUR");
        }
        return currency;
    }
}
