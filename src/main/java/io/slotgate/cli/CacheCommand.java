package io.slotgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code slotgate cache stats|keys|clear|policy|reload-policy}: asks a running slotgate's admin API and prints what
 * it says as a table. Exit codes: 0 done, 1 slotgate unreachable or refusing (the token, a tenant), 2 bad options.
 * Each subcommand is an {@link AdminCall}; {@link AdminClient} speaks HTTP.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Inspect and clear a running slotgate's cache through its admin API.",
        subcommands = {CacheStatsCommand.class, CacheKeysCommand.class, CacheClearCommand.class,
                CachePolicyCommand.class, CacheReloadPolicyCommand.class})
final class CacheCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
