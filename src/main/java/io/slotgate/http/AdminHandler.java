package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.config.Secret;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyJson;
import io.slotgate.policy.PolicyProfile;
import io.slotgate.policy.PolicyProfiles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Admin endpoints behind a bearer token: the active policy, replacing it (a rollback is a PUT of
 * {@code {"extends":"seed-phase1"}}), and reloading it from its file. Without a configured token they are all 401.
 */
final class AdminHandler {
    private final Optional<Secret> token;
    private final PolicyHolder policy;
    private final ErrorReply errors;

    AdminHandler(Optional<Secret> token, PolicyHolder policy, ErrorReply errors) {
        this.token = token;
        this.policy = policy;
        this.errors = errors;
    }

    /** Runs {@code action} only for a request bearing the admin token, compared in constant time. */
    boolean authorised(Context ctx) {
        if (token.isEmpty()) {
            errors.send(ctx, 401, "admin endpoints are disabled: start slotgate with --admin-token (SLOTGATE_ADMIN_TOKEN)");
            return false;
        }
        String header = ctx.header("Authorization");
        String expected = "Bearer " + token.get().reveal();
        if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            errors.send(ctx, 401, "an admin request needs the header 'Authorization: Bearer <admin token>'");
            return false;
        }
        return true;
    }

    void showPolicy(Context ctx) {
        if (authorised(ctx)) {
            renderPolicy(ctx, policy.get());
        }
    }

    void replacePolicy(Context ctx) {
        if (!authorised(ctx)) {
            return;
        }
        PolicyProfile profile;
        try {
            profile = PolicyJson.parse(ctx.body());
        } catch (IllegalArgumentException e) {
            errors.send(ctx, 400, e.getMessage());
            return;
        }
        policy.set(profile);
        renderPolicy(ctx, profile);
    }

    void reloadPolicy(Context ctx) {
        if (!authorised(ctx)) {
            return;
        }
        if (policy.file().isEmpty()) {
            errors.send(ctx, 409, "the active policy was not loaded from a file; PUT /admin/policy replaces it");
            return;
        }
        try {
            renderPolicy(ctx, policy.reload());
        } catch (IllegalArgumentException e) {
            errors.send(ctx, 400, "policy file refused, the active policy stays: " + e.getMessage());
        }
    }

    private void renderPolicy(Context ctx, PolicyProfile profile) {
        ctx.contentType("application/json").result("{\"status\":\"success\",\"data\":{\"active\":"
                + PolicyJson.render(profile) + ",\"file\":" + policy.file().map(p -> "\"" + p + "\"").orElse("null")
                + ",\"builtIn\":" + PolicyProfiles.builtIn().keySet().stream().map(n -> "\"" + n + "\"").toList()
                + "}}");
    }
}
