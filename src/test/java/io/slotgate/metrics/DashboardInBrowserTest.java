package io.slotgate.metrics;

import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.LatencyModel;
import io.slotgate.emulator.WebhookDeliveryModel;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.policy.PolicyProfiles;
import io.slotgate.support.Stack;
import io.slotgate.time.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard at {@code GET /} in a real headless browser (Debian's chromium, which .ci/run installs): after 45
 * minutes of scripted traffic on the test clock, the page has fetched {@code /dashboard/data} and shows numbers.
 * It also takes the screenshot in docs: {@code -Dslotgate.dashboard.screenshot=docs/dashboard.png} writes it there,
 * otherwise to target/.
 */
class DashboardInBrowserTest {
    private static final Instant NOW = Instant.parse("2030-01-07T07:00:00Z");
    private Stack stack;
    private int requests;

    @TempDir
    Path profile;

    @BeforeEach
    void start() {
        // slotgate's own policy and Cal.com's real rate limit: what the dashboard would show in production.
        stack = Stack.start(NOW, EmulatorSettings.defaults().withLatency(LatencyModel.zero()).withRateLimit(120),
                PolicyHolder.fixed(PolicyProfiles.named(PolicyProfiles.SLOTGATE).orElseThrow()),
                UnaryOperator.identity());
        DemoData.install(stack.emulator);
        stack.emulator.webhooks().use(Scheduler.inline(), WebhookDeliveryModel.immediate());
        stack.sendWebhooksTo(stack.slotgate);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theDashboardInAHeadlessBrowserShowsLiveFiguresAfterTraffic() throws Exception {
        String chromium = chromium();
        warmUp();
        traffic(45);

        String dom = run(chromium, "--dump-dom", stack.slotgateUrl() + "/");

        assertThat(dom).contains("<title>slotgate · live</title>");
        assertThat(number(dom, "hit-rate")).isBetween(1.0, 100.0);
        assertThat(number(dom, "stale-rate")).isBetween(0.0, 100.0);
        assertThat(number(dom, "p95")).isPositive();
        assertThat(number(dom, "requests")).isEqualTo(requests);
        assertThat(number(dom, "invalidations")).isPositive();
        assertThat(number(dom, "budget")).isPositive();
        assertThat(text(dom, "circuit")).isEqualTo("closed");
        assertThat(dom).contains("live · updated");
        assertThat(dom).as("the charts were drawn").contains("<path d=\"M").contains("<rect");
        assertThat(dom).as("no external asset").doesNotContainPattern("(src|href)\\s*=\\s*\"?(https?:)?//")
                .doesNotContain("<link").doesNotContain("<img").doesNotContainPattern("<script[^>]+src");

        Path screenshot = Path.of(System.getProperty("slotgate.dashboard.screenshot", "target/dashboard.png"))
                .toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Path shot = profile.resolve("dashboard.png");
        run(chromium, "--screenshot=" + shot, "--window-size=1280,900", "--hide-scrollbars",
                stack.slotgateUrl() + "/");
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        Files.copy(shot, screenshot, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A cold JVM's first requests are slow: made more than an hour before the traffic, they are off the timeline. */
    private void warmUp() {
        for (int i = 0; i < 20; i++) {
            stack.slotgate("/v2/slots?eventTypeId=" + (1001 + i % 10) + "&start=2030-01-20&end=2030-01-21");
            stack.slotgate("/v1/finder/next?eventTypeId=" + (1001 + i % 10));
            requests += 2;
        }
        stack.clock.advance(Duration.ofMinutes(61));
    }

    /** Minutes of traffic on the test clock: queries every 15 s (more at the top of the hour), a booking now and then. */
    private void traffic(int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            int perStep = 2 + (int) Math.round(2 * (1 + Math.sin(minute / 6.0)));
            for (int step = 0; step < 4; step++) {
                for (int i = 0; i < perStep; i++) {
                    long eventType = 1001 + (minute * 7 + step * 3 + i) % 6;
                    String query = (minute + i) % 5 == 0
                            ? "/v1/finder/next?eventTypeId=" + eventType
                            : "/v2/slots?eventTypeId=" + eventType + "&start=2030-01-08&end=2030-01-14";
                    assertThat(stack.slotgate(query).statusCode()).isEqualTo(200);
                    requests++;
                }
                stack.clock.advance(Duration.ofSeconds(15));
            }
            if (minute % 6 == 3) {
                Instant start = Instant.parse("2030-01-09T09:00:00Z").plus(Duration.ofHours(minute / 6));
                stack.post("/v2/bookings", "2024-08-13", """
                        {"start":"%s","eventTypeId":1001,"attendee":{"name":"Carol","email":"carol@example.com","timeZone":"UTC"}}"""
                        .formatted(start));
                requests += 2; // the booking, and Cal.com's webhook about it
            }
        }
    }

    private String run(String chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--user-data-dir=" + profile.resolve("profile"), "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        // output to a file, not a pipe: reading a pipe would block past the timeout if chromium hung
        Path out = profile.resolve("chromium.out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(profile.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        assertThat(process.exitValue()).as("chromium's exit status; its log:%n%s",
                Files.readString(profile.resolve("chromium.log"))).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return fail("this test drives a real headless browser and found none: install Debian's chromium "
                + "(apt-get install -y chromium; .ci/run does it)");
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(m.find()).as("an element with id %s in:%n%s", id, dom).isTrue();
        return m.group(1).trim();
    }

    private static double number(String dom, String id) {
        String text = text(dom, id);
        assertThat(text).as("#%s", id).matches("-?[0-9]+(\\.[0-9]+)?");
        return Double.parseDouble(text);
    }
}
