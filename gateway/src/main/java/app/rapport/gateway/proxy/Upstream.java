package app.rapport.gateway.proxy;

import java.net.http.HttpHeaders;

/** What a service answered: status, headers and the body bytes. */
public record Upstream(int status, HttpHeaders headers, byte[] body) {
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
