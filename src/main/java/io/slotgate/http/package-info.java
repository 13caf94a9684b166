/**
 * slotgate's HTTP front: thin handlers over the domain, Cal.com-compatible where Cal.com has a say, for every
 * tenant at its own prefix.
 *
 * <p>Public types: {@link io.slotgate.http.SlotgateServer}, the server the composition root starts.
 *
 * <p>Everything else is package-private, because only the server reaches it: one handler per route family, the
 * request readers, error replies, metering and the request log.
 */
package io.slotgate.http;
