/**
 * The {@code slotgate} command line: {@code serve}, {@code emulate}, {@code simulate}, {@code find} and the
 * {@code cache} admin commands.
 *
 * <p>Public types: {@link io.slotgate.cli.Main}, the entry point named in the jar's manifest.
 *
 * <p>Everything else is package-private: one class per command, and the admin API's HTTP client.
 */
package io.slotgate.cli;
