/**
 * The composition root: one slotgate put together from its configuration and what it runs on. All wiring lives
 * here; every object is built with what it needs, and no setter closes a cycle afterwards.
 *
 * <p>Public types, both used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.app.Slotgate}: the wiring's front, what the commands, the simulator and the tests start
 *       from;</li>
 *   <li>{@link io.slotgate.app.RuntimeServices}: time, background work, the way to Cal.com and the active
 *       policy.</li>
 * </ul>
 *
 * <p>Package-private, behind {@code Slotgate}, one class per thing wired: a tenant's query path
 * ({@code TenantWiring}), a key's Cal.com client and its interceptor chain ({@code CalcomWiring}), the shared tier and
 * what each tenant takes from it ({@code RedisWiring}), what only a server needs ({@code ServerWiring}), and the
 * background jobs ({@code BackgroundWiring}).
 */
package io.slotgate.app;
