package io.slotgate.calcom;

/**
 * Who is waiting on an upstream call, in the order the rate budget serves them (DESIGN.md §6): a user's miss first,
 * then refreshes of buckets being served stale, then warming and staleness verification, which nobody waits on.
 */
public enum Priority {
    USER, REFRESH, WARMING, VERIFICATION
}
