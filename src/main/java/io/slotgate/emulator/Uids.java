package io.slotgate.emulator;

import java.util.Random;

/**
 * Booking and reservation uids: 22 url-safe characters, like Cal.com's, never one already given to either. Drawn from
 * the emulator's seeded random, which the legacy slots routes share, so that a run repeats uid for uid.
 */
final class Uids {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Model model;
    private final Random random;

    Uids(Model model, Random random) {
        this.model = model;
        this.random = random;
    }

    String next() {
        StringBuilder uid = new StringBuilder(22);
        do {
            uid.setLength(0);
            for (int i = 0; i < 22; i++) {
                uid.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        } while (model.bookings.containsKey(uid.toString()) || model.reservations.containsKey(uid.toString()));
        return uid.toString();
    }
}
