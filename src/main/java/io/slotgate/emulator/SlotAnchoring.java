package io.slotgate.emulator;

/**
 * Where the emulator's slot runs are anchored. {@link #CALCOM} is Cal.com's behaviour and the default; the other
 * mode exists so that a test can pin one known divergence between slotgate's day buckets and Cal.com while another
 * part of slotgate is taught the real rule (docs/calcom-slots.md, "Modes that are not Cal.com").
 */
public enum SlotAnchoring {
    /**
     * Cal.com: the query window clips the free ranges, and today's runs restart at now + minimum notice, so which
     * slots exist depends on the window's start and on the clock.
     */
    CALCOM,
    /**
     * Not Cal.com: every UTC day is laid out as Cal.com lays it when asked for that whole day long in advance; the
     * window, the minimum notice and the past then only remove slots. This is what a cache of UTC day buckets that
     * filters at serve time reproduces.
     */
    WHOLE_UTC_DAYS
}
