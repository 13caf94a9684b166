/**
 * The configuration {@code slotgate serve} runs on: defaults, a JSON file, {@code SLOTGATE_*} environment variables
 * and the command line, in one flat name space.
 *
 * <p>Public types, all used by other packages:
 * <ul>
 *   <li>{@link io.slotgate.config.SlotgateConfig}: every setting;</li>
 *   <li>{@link io.slotgate.config.ConfigLoader}: reads them in order of precedence;</li>
 *   <li>{@link io.slotgate.config.Secret}: a credential that prints as asterisks.</li>
 * </ul>
 */
package io.slotgate.config;
