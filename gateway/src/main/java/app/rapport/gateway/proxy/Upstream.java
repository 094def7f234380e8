package app.rapport.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** What a service answered, in full: status, headers and the body (small JSON answers only). */
public record Upstream(int status, MultiMap headers, Buffer body) {
    public String header(String name) {
        return headers.get(name);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public byte[] bytes() {
        return body == null ? new byte[0] : body.getBytes();
    }

    public String text() {
        return body == null ? "" : body.toString();
    }
}
