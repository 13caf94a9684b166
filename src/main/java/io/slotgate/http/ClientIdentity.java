package io.slotgate.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who a request is, for the rate budget's fair shares: its {@code Authorization} header when it sends one, else its
 * agent token ({@value #AGENT_HEADER}), else its IP address (the socket's peer; a proxy in front should send tokens).
 * Only a salted hash is kept, so no IP or token is held, logged or shown; the salt is per process, so the names mean
 * nothing outside it.
 */
final class ClientIdentity {
    /** A token a booking agent or widget may send to be told apart from others behind the same address. */
    static final String AGENT_HEADER = "X-Agent-Token";
    private static final byte[] SALT = new byte[16];

    static {
        new SecureRandom().nextBytes(SALT);
    }

    private ClientIdentity() {
    }

    static String of(Context ctx) {
        return of(ctx.req());
    }

    /** The same from the servlet request, as Javalin reads headers and the address: for {@link ReadyHits} too. */
    static String of(HttpServletRequest req) {
        String authorization = req.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return "token-" + hash(authorization.strip());
        }
        String agent = req.getHeader(AGENT_HEADER);
        if (agent != null && !agent.isBlank()) {
            return "agent-" + hash(agent.strip());
        }
        return "ip-" + hash(req.getRemoteAddr());
    }

    private static String hash(String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)), 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
