package io.slotgate.http;

import io.javalin.http.Context;
import io.slotgate.invalidation.LegacyReservations;
import io.slotgate.invalidation.WriteThrough;

import java.util.Optional;

/**
 * Bookings and reservations through slotgate: thin over {@link WriteThrough} (and {@link LegacyReservations} for the
 * 2024-04-15 reservation routes), which forward them with the client's own credentials and invalidate before the
 * answer goes back; Cal.com's answer is relayed unchanged.
 */
final class BookingsHandler {
    private final WriteThrough writeThrough;
    private final LegacyReservations legacyReservations;
    private final PassThrough passThrough;

    BookingsHandler(WriteThrough writeThrough, LegacyReservations legacyReservations, PassThrough passThrough) {
        this.writeThrough = writeThrough;
        this.legacyReservations = legacyReservations;
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

    /** {@code POST /v2/slots/reserve}. */
    void reserveLegacy(Context ctx) {
        passThrough.answer(ctx, legacyReservations.reserve(PassThrough.toUpstream(ctx)));
    }

    /** {@code DELETE /v2/slots/selected-slot}: Cal.com takes the uid from the cookie first, then the parameter. */
    void releaseSelected(Context ctx) {
        Optional<String> uid = Optional.ofNullable(ctx.cookie("uid")).filter(u -> !u.isEmpty())
                .or(() -> Optional.ofNullable(ctx.queryParam("uid")));
        passThrough.answer(ctx, legacyReservations.release(uid, PassThrough.toUpstream(ctx)));
    }
}
