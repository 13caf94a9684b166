package io.slotgate.policy;

/** How answers are keyed: slotgate's shared day buckets, or the seed's one entry per exact query. */
public enum KeyMode {
    DAY_BUCKETS, EXACT_QUERY
}
