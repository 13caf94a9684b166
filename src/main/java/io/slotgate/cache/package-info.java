/**
 * The day-bucket cache: one tenant's slots kept per (event type, duration, UTC day), served fresh, stale or after a
 * fill as the freshness policy says, and brought up to date by generation counters and their change logs rather
 * than by expiry. The shared tier behind it lives in {@link io.slotgate.cache.redis}.
 *
 * <p>Public types, the ones other packages use (the composition root, the query path, invalidation, the policy, the
 * admin API, the metrics, and the shared tier in {@code cache.redis}):
 * <ul>
 *   <li>{@link io.slotgate.cache.DayBucketCache}: answers a run of UTC days from buckets, filling what it must;</li>
 *   <li>{@link io.slotgate.cache.Lookup}: the buckets that answer a query, and how they were obtained;</li>
 *   <li>{@link io.slotgate.cache.CacheOutcome}: what the {@code X-Cache} header says;</li>
 *   <li>{@link io.slotgate.cache.CacheKey}: the one key scheme, for L1, L2, admin listings and logs;</li>
 *   <li>{@link io.slotgate.cache.TenantId}: the Cal.com account a key belongs to;</li>
 *   <li>{@link io.slotgate.cache.DayBucket}: the slots of one bucket key, with what laying them out again needs;</li>
 *   <li>{@link io.slotgate.cache.BucketStore}: where buckets live, L1, L2 or both;</li>
 *   <li>{@link io.slotgate.cache.CaffeineBucketStore}: the in-process store (L1);</li>
 *   <li>{@link io.slotgate.cache.HeldCopies}: the copies a store held when it stopped trusting them;</li>
 *   <li>{@link io.slotgate.cache.UpToDate}: brings a stored bucket to its day's current generation;</li>
 *   <li>{@link io.slotgate.cache.GenerationStore}: the generation counters and the changes that moved them;</li>
 *   <li>{@link io.slotgate.cache.DayChange}: one change of one day, as one generation step;</li>
 *   <li>{@link io.slotgate.cache.DayLog}: the last changes of one day, as far as this process knows them;</li>
 *   <li>{@link io.slotgate.cache.BucketFiller}: one upstream call for a span of days of one target;</li>
 *   <li>{@link io.slotgate.cache.FillTarget}: what one Cal.com slots call is for;</li>
 *   <li>{@link io.slotgate.cache.FillFacts}: what of an event type decides how Cal.com lays its slots out;</li>
 *   <li>{@link io.slotgate.cache.FillSpan}: how many days one call fetches;</li>
 *   <li>{@link io.slotgate.cache.FillLeases}: keeps instances from filling the same days at once;</li>
 *   <li>{@link io.slotgate.cache.FillFailedException}: a fill got no usable answer, with the outcome;</li>
 *   <li>{@link io.slotgate.cache.Freshness} and {@link io.slotgate.cache.FreshnessPolicy}: how long a bucket may
 *       be served, decided at read time;</li>
 *   <li>{@link io.slotgate.cache.RefreshAhead}: probabilistic early refresh of hot buckets;</li>
 *   <li>{@link io.slotgate.cache.CacheSettings}: the cache's figures, read from the policy at each use, and the
 *       days a change nothing announced likely changed too;</li>
 *   <li>{@link io.slotgate.cache.CacheCounters}: what the cache did, for metrics and the admin API.</li>
 * </ul>
 *
 * <p>Package-private, behind {@code DayBucketCache}: a reader's lookup ({@code RangeReader}), what a stored bucket is
 * good for now ({@code DayStates}), the fill queue ({@code FillQueue}, a target's part {@code TargetQueue}, a waiting
 * day {@code FillNeed}, the pacing {@code FillPacing}) and its batches ({@code FillBatch}), a batch's call
 * ({@code BatchRunner}) with the wait for other instances' fills ({@code OtherInstanceFills}), the answer cut into
 * buckets ({@code AnswerSplit}), the readers settled ({@code BatchSettlement}) and the call's log line
 * ({@code FillLog}), a reader's wait ({@code FillWaiter}), the background's calls ({@code BackgroundDrive}), the
 * follow-up of changes ({@code ChangeFollowUp}), patching buckets ({@code BucketPatch}), and the generation counters
 * of a single instance ({@code InMemoryGenerations}, the builder's default).
 */
package io.slotgate.cache;
