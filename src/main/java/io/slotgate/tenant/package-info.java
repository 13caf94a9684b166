/**
 * The Cal.com accounts one slotgate serves, and everything held for each.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.tenant.Tenant}: everything slotgate holds for one tenant;</li>
 *   <li>{@link io.slotgate.tenant.TenantSettings}: one account's Cal.com, keys, secret and agent token;</li>
 *   <li>{@link io.slotgate.tenant.Tenants}: the tenants, the first being the default.</li>
 * </ul>
 */
package io.slotgate.tenant;
