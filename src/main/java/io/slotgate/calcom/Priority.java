package io.slotgate.calcom;

/**
 * Who is waiting on an upstream call, in the order the rate budget serves them (DESIGN.md §6): a user's miss first,
 * then the refetch of a day whose changed copy is being served, then refreshes of buckets being served stale, then
 * warming and staleness verification, which nobody waits on, and last Cal.com's exact answer for a reader who already
 * has a safe one (the cached days could not tell it for certain): only from calls to spare.
 */
public enum Priority {
    USER, REFETCH, REFRESH, WARMING, VERIFICATION, EXACT
}
