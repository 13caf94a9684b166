package io.slotgate.calcom;

/**
 * Who is waiting on an upstream call, in the order the rate budget serves them (DESIGN.md §6): a user's miss first,
 * then the refetch of a day whose changed copy is being served, then refreshes of buckets being served stale, then
 * warming and staleness verification, which nobody waits on.
 */
public enum Priority {
    USER, REFETCH, REFRESH, WARMING, VERIFICATION
}
