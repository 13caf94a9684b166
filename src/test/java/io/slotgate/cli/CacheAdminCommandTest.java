package io.slotgate.cli;

import io.slotgate.config.Secret;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.support.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slotgate cache ...}: the picocli command in process against a running slotgate. */
class CacheAdminCommandTest {
    private static final String TOKEN = "adm_cli_test_token";
    private static final String MONDAY_1001 = "/v2/slots?eventTypeId=1001&start=2030-01-07&end=2030-01-07";
    private static final String MONDAY_1002 = "/v2/slots?eventTypeId=1002&start=2030-01-07&end=2030-01-07";
    private Stack stack;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void start() {
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"),
                EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(1_000_000),
                PolicyHolder.fixed(Stack.TEST_POLICY), c -> c.withAdminToken(Optional.of(new Secret(TOKEN))));
        DemoData.install(stack.emulator);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void statsPrintsTablesOfTheCacheItsAgesUpstreamCallsAndTheVerifier() {
        stack.slotgate(MONDAY_1001);
        stack.slotgate(MONDAY_1001);

        Run run = cache("stats");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("policy: test   redis: none\n")
                .contains("TENANT   FRESH DAYS  STALE DAYS  FETCHED DAYS  HIT RATE  FRESH HIT RATE  L1 BUCKETS")
                .containsPattern("default  1 +0 +1 +50\\.0% +50\\.0% +1 +- +0")
                .contains("0-30s  30-60s  1-5min  5-15min  >15min")
                .containsPattern("default  2030-01-06 +1001 +1")
                .contains("staleness verifier");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void keysPrintsMatchingKeysAndClearRemovesOneEventType() {
        stack.slotgate(MONDAY_1001);
        stack.slotgate(MONDAY_1002);

        Run keys = cache("keys", "--pattern", "sg:default:slots:*");
        assertThat(keys.exitCode()).as(keys.err()).isZero();
        assertThat(keys.out().lines()).containsExactly(
                "KEY                                  TIER  AGE  SLOTS",
                "sg:default:slots:1001:15:2030-01-07  L1    0s   32",
                "sg:default:slots:1002:30:2030-01-07  L1    0s   31",
                "(2 keys)");

        Run clear = cache("clear", "--tenant", "default", "--event-type", "1001");
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        assertThat(clear.out()).startsWith("cleared tenant default, event type 1001\n")
                .containsPattern("\n1 +1 +0\n");

        assertThat(cache("keys", "--pattern", "sg:default:slots:*").out())
                .doesNotContain(":1001:").contains(":1002:").endsWith("(1 key)\n");
        assertThat(cache("keys", "--pattern", "nothing*").out()).isEqualTo("(0 keys)\n");
    }

    @Test
    void policyShowsTheActivePolicyAndReloadPolicyExplainsThereIsNoFile() {
        Run policy = cache("policy");
        assertThat(policy.exitCode()).as(policy.err()).isZero();
        assertThat(policy.out()).startsWith("active policy: test\n").containsPattern("freshTodaySeconds +60");

        Run reload = cache("reload-policy");
        assertThat(reload.exitCode()).isEqualTo(1);
        assertThat(reload.err()).startsWith("slotgate cache reload-policy: slotgate answered 409: ")
                .contains("not loaded from a file");
        assertThat(reload.err().strip().lines()).hasSize(1);
    }

    @Test
    void aRefusedTokenAndAnUnreachableSlotgateAreOneLineErrorsWithExitCode1() {
        Run wrong = run("cache", "stats", "--url", stack.slotgateUrl(), "--admin-token", "wrong");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("slotgate cache stats: slotgate refused the admin token (401)");
        assertThat(wrong.err().strip().lines()).hasSize(1);
        assertThat(wrong.out()).isEmpty();

        Run unknownTenant = cache("clear", "--tenant", "nobody");
        assertThat(unknownTenant.exitCode()).isEqualTo(1);
        assertThat(unknownTenant.err()).contains("404").contains("nobody");

        String url = stack.slotgateUrl();
        stack.close();
        Run down = run("cache", "keys", "--pattern", "sg:*", "--url", url, "--admin-token", TOKEN);
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).isEqualTo("slotgate cache keys: cannot reach slotgate at " + url
                + " (connection refused)\n");
        stack = Stack.start(Instant.parse("2030-01-06T08:00:00Z"));
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitCode2() {
        String[][] cases = {
                {"keys"},
                {"keys", "--pattern", "sg:[x]"},
                {"keys", "--pattern", "sg:*", "--limit", "0"},
                {"clear", "--event-type", "abc"},
                {"clear", "--event-type", "0"},
                {"stats", "--url", "not a url"},
                {"stats", "--bogus"}};
        String[] named = {"--pattern", "--pattern", "--limit", "--event-type", "--event-type", "--url", "--bogus"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("cache"));
            args.addAll(List.of(cases[i]));
            args.addAll(List.of("--admin-token", TOKEN, "--url", stack.slotgateUrl()));
            if (cases[i][0].equals("stats") && cases[i].length > 1 && cases[i][1].equals("--url")) {
                args = new ArrayList<>(List.of("cache", "stats", "--admin-token", TOKEN, "--url", "not a url"));
            }
            Run run = run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(run.out()).as(args.toString()).isEmpty();
            assertThat(run.err().strip().lines()).as(args.toString()).hasSize(1);
            assertThat(run.err()).as(args.toString()).startsWith("slotgate cache " + cases[i][0] + ": ")
                    .contains(named[i]);
        }
        Run noToken = run("cache", "stats", "--url", stack.slotgateUrl());
        if (System.getenv("SLOTGATE_ADMIN_TOKEN") == null) {
            assertThat(noToken.exitCode()).isEqualTo(2);
            assertThat(noToken.err()).contains("--admin-token");
        }
    }

    private Run cache(String... args) {
        List<String> all = new ArrayList<>(List.of("cache"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", stack.slotgateUrl(), "--admin-token", TOKEN));
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
