package io.slotgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.app.RuntimeServices;
import io.slotgate.app.Slotgate;
import io.slotgate.json.Jackson;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.time.RealScheduler;
import java.util.random.RandomGenerator;
import io.slotgate.cache.FillFailedException;
import io.slotgate.calcom.CalcomOutcome;
import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.HttpTransport;
import io.slotgate.calcom.UpstreamResponse;
import io.slotgate.config.ConfigLoader;
import io.slotgate.config.Secret;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.emulator.CalcomEmulator;
import io.slotgate.emulator.DemoData;
import io.slotgate.emulator.EmulatorSettings;
import io.slotgate.emulator.InProcessTransport;
import io.slotgate.finder.Alternatives;
import io.slotgate.finder.Finder;
import io.slotgate.finder.NextAvailable;
import io.slotgate.finder.Window;
import io.slotgate.slots.CalcomTimeParams;
import io.slotgate.slots.RequestedZone;
import io.slotgate.slots.Slot;
import io.slotgate.slots.TimeRange;
import io.slotgate.tenant.Tenant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code slotgate find}: one finder question through a one-off tenant (no server, no cache shared with anyone),
 * against Cal.com or, with {@code --demo}, the in-process emulator with demo data.
 * Exit codes: 0 answered (including "none within N days"), 1 Cal.com failed, 2 bad options.
 */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Print the next available slot of an event type (or every slot of a window, or the slots "
                + "nearest to a wanted time).")
final class FindCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Jackson.MAPPER;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--event-type", required = true, paramLabel = "ID", description = "Cal.com event type id")
    long eventType;

    @Option(names = "--after", paramLabel = "T",
            description = "ISO 8601 date or date-time to search from (default now; a window's start)")
    String after;

    @Option(names = "--days", paramLabel = "N", defaultValue = "14",
            description = "Days to search (1-90, default ${DEFAULT-VALUE}; a window's length)")
    int days;

    @Option(names = "--time-zone", paramLabel = "Z", defaultValue = "UTC",
            description = "IANA time zone to print times in (default ${DEFAULT-VALUE})")
    String timeZone;

    @Option(names = "--duration", paramLabel = "MIN", description = "Slot length in minutes (default: the event type's)")
    Integer duration;

    @Option(names = "--window", description = "Print every slot from --after for --days days")
    boolean window;

    @Option(names = "--alternatives", paramLabel = "WANTED",
            description = "Print the slots nearest to this ISO 8601 date-time")
    String alternatives;

    @Option(names = "--count", paramLabel = "N", defaultValue = "3",
            description = "How many alternatives (1-50, default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--radius-days", paramLabel = "N", defaultValue = "7",
            description = "Days before and after the wanted day to search (0-30, default ${DEFAULT-VALUE})")
    int radiusDays;

    @Option(names = "--calcom-url", paramLabel = "URL", description = "Cal.com API base URL (SLOTGATE_CALCOM_URL)")
    String calcomUrl;

    @Option(names = "--calcom-api-key", paramLabel = "KEY", description = "Cal.com API key (SLOTGATE_CALCOM_API_KEY)")
    String calcomApiKey;

    @Option(names = "--demo", description = "Ask the built-in emulator with demo data (event types 1001-1010)")
    boolean demo;

    private final Map<String, String> env;
    private final Clock clock;

    FindCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    FindCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Options options = validate();
        Finder finder = new Finder(tenant().availability(), clock);
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (alternatives != null) {
                printAlternatives(out, finder.alternatives(eventType, options.wanted(), count, radiusDays,
                        options.zone().zone(), options.duration()), options.zone());
            } else if (window) {
                Instant start = options.after().orElse(clock.instant());
                TimeRange range = new TimeRange(start, start.plus(Duration.ofDays(days)).minusMillis(1));
                printWindow(out, finder.window(eventType, range, options.duration(), options.zone().zone()),
                        options.zone());
            } else {
                printNext(out, finder.next(eventType, options.after(), days, options.duration(),
                        options.zone().zone()), options.zone());
            }
        } catch (FillFailedException failure) {
            spec.commandLine().getErr().println("slotgate find: " + describe(failure.outcome()));
            return 1;
        }
        out.flush();
        return 0;
    }

    private record Options(Optional<Instant> after, Instant wanted, RequestedZone zone, Optional<Integer> duration) {
    }

    private Options validate() {
        if (eventType <= 0) {
            throw bad("--event-type must be a positive integer, got " + eventType);
        }
        if (days < 1 || days > Finder.MAX_HORIZON_DAYS) {
            throw bad("--days must be from 1 to " + Finder.MAX_HORIZON_DAYS + ", got " + days);
        }
        if (count < 1 || count > Finder.MAX_COUNT) {
            throw bad("--count must be from 1 to " + Finder.MAX_COUNT + ", got " + count);
        }
        if (radiusDays < 0 || radiusDays > Finder.MAX_RADIUS_DAYS) {
            throw bad("--radius-days must be from 0 to " + Finder.MAX_RADIUS_DAYS + ", got " + radiusDays);
        }
        if (duration != null && (duration < 1 || duration > 24 * 60)) {
            throw bad("--duration must be from 1 to 1440 minutes, got " + duration);
        }
        if (window && alternatives != null) {
            throw bad("--window and --alternatives cannot be combined");
        }
        if (demo && (calcomUrl != null || calcomApiKey != null)) {
            throw bad("--demo asks the built-in emulator; it cannot be combined with --calcom-url or --calcom-api-key");
        }
        RequestedZone zone = RequestedZone.parse(timeZone)
                .orElseThrow(() -> bad("--time-zone must be an IANA time zone such as Europe/Berlin, got '" + timeZone + "'"));
        Optional<Instant> from = after == null ? Optional.empty() : Optional.of(instant("--after", after));
        Instant wanted = alternatives == null ? null : instant("--alternatives", alternatives);
        return new Options(from, wanted, zone, Optional.ofNullable(duration));
    }

    private Instant instant(String option, String value) {
        Instant instant = CalcomTimeParams.parseStart(value).orElseThrow(() -> bad(option
                + " must be an ISO 8601 date or date-time such as 2050-09-05T09:00:00Z, got '" + value + "'"));
        int year = instant.atOffset(java.time.ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9998) {
            throw bad(option + " must be a date between the years 1 and 9998, got '" + value + "'");
        }
        return instant;
    }

    private Tenant tenant() {
        SlotgateConfig config;
        CalcomTransport transport;
        if (demo) {
            CalcomEmulator emulator = new CalcomEmulator(clock, EmulatorSettings.defaults());
            DemoData.install(emulator);
            config = SlotgateConfig.defaults().withCalcom(URI.create("http://emulator.invalid"),
                    Optional.of(new Secret(EmulatorSettings.DEMO_API_KEY)));
            transport = new InProcessTransport(emulator);
        } else {
            if (calcomUrl != null) {
                URI url = null;
                try {
                    url = URI.create(calcomUrl);
                } catch (IllegalArgumentException e) {
                    // reported below
                }
                if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                        || url.getHost() == null) {
                    throw bad("--calcom-url must be an absolute http(s) URL such as https://api.cal.com, got '"
                            + calcomUrl + "'");
                }
            }
            Map<String, String> cli = new HashMap<>();
            cli.put("calcom-url", calcomUrl);
            cli.put("calcom-api-key", calcomApiKey);
            try {
                config = ConfigLoader.load(Optional.empty(), env, cli);
            } catch (ConfigLoader.ConfigException | IllegalArgumentException e) {
                throw bad("configuration: " + e.getMessage());
            }
            transport = new HttpTransport(config.calcomUrl(), config.upstreamConnectTimeout(),
                    config.upstreamRequestTimeout());
        }
        CalcomTransport upstream = transport;
        RuntimeServices runtime = new RuntimeServices(clock, io.slotgate.calcom.Sleeper.system(), new RealScheduler(),
                Runnable::run, settings -> upstream,
                PolicyHolder.from(config.policy()), new ActivityTracker(clock), RandomGenerator.getDefault());
        return Slotgate.tenant(config, config.defaultTenant(), runtime);
    }

    private static void printNext(PrintWriter out, NextAvailable next, RequestedZone zone) {
        if (next.slot().isPresent()) {
            out.println("next available: " + range(next.slot().get(), zone));
        } else {
            out.println("none within " + next.horizonDays() + (next.horizonDays() == 1 ? " day" : " days")
                    + " from " + zone.format(next.searched().start()));
        }
    }

    private static void printWindow(PrintWriter out, Window window, RequestedZone zone) {
        if (window.slots().isEmpty()) {
            out.println("no slots from " + zone.format(window.range().start()) + " to "
                    + zone.format(window.range().end()));
        }
        window.slots().forEach(slot -> out.println(range(slot, zone)));
    }

    private static void printAlternatives(PrintWriter out, Alternatives found, RequestedZone zone) {
        if (found.slots().isEmpty()) {
            out.println("no slots within " + found.radiusDays() + " days of " + zone.format(found.wanted()));
        }
        for (Alternatives.Alternative a : found.slots()) {
            String day = a.dayOffset() == 0 ? "same day"
                    : Math.abs(a.dayOffset()) + (Math.abs(a.dayOffset()) == 1 ? " day " : " days ")
                    + (a.dayOffset() < 0 ? "before" : "after");
            out.println(range(a.slot(), zone) + " (" + day + ", " + a.distance().toMinutes() + " min away)");
        }
    }

    private static String range(Slot slot, RequestedZone zone) {
        return zone.format(slot.start()) + " - " + zone.format(slot.end());
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static String describe(CalcomOutcome<?> outcome) {
        return switch (outcome) {
            case CalcomOutcome.Rejected<?> r -> "Cal.com refused the question (" + r.response().status() + "): "
                    + message(r.response());
            case CalcomOutcome.SlotTaken<?> t -> "Cal.com refused the question (" + t.response().status() + "): "
                    + message(t.response());
            case CalcomOutcome.RateLimited<?> l -> "Cal.com's rate limit is reached; retry in "
                    + Math.max(1, l.retryAfter().toSeconds()) + " s";
            case CalcomOutcome.Unauthorised<?> u -> "Cal.com refused the credentials (" + u.response().status()
                    + "); check --calcom-api-key";
            case CalcomOutcome.UpstreamError<?> e -> "Cal.com gave no usable answer: " + e.reason();
            case CalcomOutcome.Success<?> s -> "no failure";
        };
    }

    private static String message(UpstreamResponse response) {
        try {
            String text = JSON.readTree(response.body()).path("error").path("message").asText();
            return text.isEmpty() ? response.body() : text;
        } catch (JsonProcessingException e) {
            // not JSON (a proxy's error page, say): the body as it came says more than nothing
            return response.body();
        }
    }
}
