/**
 * The composition root: one slotgate put together from its configuration and what it runs on.
 *
 * <p>Public types, both used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.app.Slotgate}: the wiring, and nothing else;</li>
 *   <li>{@link io.slotgate.app.RuntimeServices}: time, background work, the way to Cal.com and the active
 *       policy.</li>
 * </ul>
 */
package io.slotgate.app;
