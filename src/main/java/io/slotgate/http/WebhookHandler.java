package io.slotgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.slotgate.invalidation.WebhookIntake;
import io.slotgate.invalidation.WebhookSignature;
import io.slotgate.json.Jackson;
import io.slotgate.tenant.Tenant;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /webhooks/calcom[/{tenant}]}: reads the raw body (at most 256 KiB), and hands it with its signature to
 * the tenant's {@link WebhookIntake}. 200 for an accepted or duplicate delivery, 401 when the signature does not
 * verify, 400 when the body cannot be acted on, 413 when it is too large. No Cal.com call is made on this path.
 */
final class WebhookHandler {
    private static final ObjectMapper JSON = Jackson.MAPPER;
    private final ErrorReply errors;

    WebhookHandler(ErrorReply errors) {
        this.errors = errors;
    }

    void handle(Tenant tenant, Context ctx) {
        WebhookIntake intake = tenant.invalidation().webhooks();
        long declared = ctx.req().getContentLengthLong();
        if (declared > WebhookIntake.MAX_BODY_BYTES) {
            reply(ctx, intake.tooLarge());
            return;
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(WebhookIntake.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            errors.send(ctx, 400, "the webhook body could not be read");
            return;
        }
        reply(ctx, body.length > WebhookIntake.MAX_BODY_BYTES
                ? intake.tooLarge()
                : intake.receive(body, ctx.header(WebhookSignature.HEADER),
                        ctx.header(io.slotgate.invalidation.WebhookRelay.HEADER) != null));
    }

    private void reply(Context ctx, WebhookIntake.Verdict verdict) {
        switch (verdict) {
            case WebhookIntake.Accepted accepted -> ok(ctx, accepted.outcome(), accepted.trigger());
            case WebhookIntake.Duplicate duplicate -> ok(ctx, "duplicate", duplicate.trigger());
            case WebhookIntake.Unauthorized refused -> errors.send(ctx, 401, refused.message());
            case WebhookIntake.Malformed malformed -> errors.send(ctx, 400, malformed.message());
            case WebhookIntake.TooLarge tooLarge -> {
                ctx.header("Connection", "close");
                errors.send(ctx, 413, tooLarge.message());
            }
        }
    }

    private static void ok(Context ctx, String outcome, String trigger) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", "success");
        ObjectNode data = root.putObject("data");
        data.put("outcome", outcome);
        data.put("triggerEvent", trigger);
        ctx.status(200).contentType("application/json").header("Cache-Control", "no-store").result(root.toString());
    }
}
