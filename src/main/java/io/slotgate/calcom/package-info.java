/**
 * The Cal.com API v2 client: typed calls over a chain of interceptors (rate budget, retry, circuit breaking, shared
 * list answers) ending in a transport, with every failure its own outcome.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.calcom.CalcomClient}: typed calls to Cal.com;</li>
 *   <li>{@link io.slotgate.calcom.CalcomOutcome}: what a call came to;</li>
 *   <li>{@link io.slotgate.calcom.CalcomInterceptor}: one concern of the client, OkHttp-style;</li>
 *   <li>{@link io.slotgate.calcom.CalcomTransport}: the last link, the wire or the in-process emulator;</li>
 *   <li>{@link io.slotgate.calcom.HttpTransport}: the JDK HttpClient transport;</li>
 *   <li>{@link io.slotgate.calcom.UpstreamRequest} and {@link io.slotgate.calcom.UpstreamResponse}: one request
 *       and its answer;</li>
 *   <li>{@link io.slotgate.calcom.RateBudget}: who may make the next call with one key;</li>
 *   <li>{@link io.slotgate.calcom.RateBudgetInterceptor}: puts every call through it;</li>
 *   <li>{@link io.slotgate.calcom.RateLedger}: the calls made with one key, in process or in Redis;</li>
 *   <li>{@link io.slotgate.calcom.FairShareLedger}: an instance's share while the shared ledger is away;</li>
 *   <li>{@link io.slotgate.calcom.Priority}: who is waiting on a call;</li>
 *   <li>{@link io.slotgate.calcom.Callers} and {@link io.slotgate.calcom.ClientShares}: the clients a call is made
 *       for, and what each asked lately;</li>
 *   <li>{@link io.slotgate.calcom.RetryInterceptor}: retries what may succeed and cannot harm twice;</li>
 *   <li>{@link io.slotgate.calcom.CircuitBreakerInterceptor}: stops calling a failing Cal.com;</li>
 *   <li>{@link io.slotgate.calcom.SharedListsInterceptor}: shares list answers among instances;</li>
 *   <li>{@link io.slotgate.calcom.Sleeper}: how the client waits, in real or virtual time;</li>
 *   <li>{@link io.slotgate.calcom.EventTypeInfo}, {@link io.slotgate.calcom.EventTypeListing} and
 *       {@link io.slotgate.calcom.TeamInfo}: what slotgate reads of event types and teams.</li>
 * </ul>
 *
 * <p>Package-private: behind {@code CalcomClient}, its chain ({@code ClientChain}), the requests it writes
 * ({@code CalcomRequests}), what an answer comes to ({@code CalcomReplies}) and the bodies read ({@code ReplyBodies},
 * {@code EventTypeJson}); behind {@code RateBudget}, its parts ({@code WaitingUsers}, {@code PriorityReserves},
 * {@code FairShareGate}, {@code CalcomRateHeaders}, {@code BudgetTally}); the in-process rate ledger.
 */
package io.slotgate.calcom;
