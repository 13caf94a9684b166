/**
 * JSON machinery shared by every package.
 *
 * <p>Public types: {@link io.slotgate.json.Jackson}, the process's one {@code ObjectMapper}.
 */
package io.slotgate.json;
