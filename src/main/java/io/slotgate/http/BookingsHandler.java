package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.invalidation.WriteThrough;

/**
 * Bookings and reservations through slotgate: thin over {@link WriteThrough}, which forwards them with the client's
 * own credentials and invalidates before the answer goes back; Cal.com's answer is relayed unchanged.
 */
final class BookingsHandler {
    private final WriteThrough writeThrough;
    private final PassThrough passThrough;

    BookingsHandler(WriteThrough writeThrough, PassThrough passThrough) {
        this.writeThrough = writeThrough;
        this.passThrough = passThrough;
    }

    void create(Context ctx) {
        passThrough.answer(ctx, writeThrough.create(PassThrough.toUpstream(ctx)));
    }

    void cancel(Context ctx) {
        passThrough.answer(ctx, writeThrough.cancel(PassThrough.toUpstream(ctx)));
    }

    void reschedule(Context ctx) {
        passThrough.answer(ctx, writeThrough.reschedule(ctx.pathParam("uid"), PassThrough.toUpstream(ctx)));
    }

    void reserve(Context ctx) {
        passThrough.answer(ctx, writeThrough.reserve(PassThrough.toUpstream(ctx)));
    }

    void release(Context ctx) {
        passThrough.answer(ctx, writeThrough.release(ctx.pathParam("uid"), PassThrough.toUpstream(ctx)));
    }
}
