package io.slotgate.app;

import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.HttpTransport;
import io.slotgate.calcom.Sleeper;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.metrics.SlotgateMetrics;
import io.slotgate.policy.ActivityTracker;
import io.slotgate.policy.PolicyHolder;
import io.slotgate.tenant.TenantSettings;
import io.slotgate.time.RealScheduler;
import io.slotgate.time.Scheduler;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What slotgate runs on besides its configuration: time, background work, the way to Cal.com, the active policy and
 * what the policy watches. Production builds it from the configuration; tests and the simulator build their own
 * (virtual time, an in-process emulator, a fixed policy). Its {@link SlotgateMetrics} are the process's meters and
 * dashboard timeline: every part built on this runtime reports there.
 *
 * <p>Not named {@code Runtime}: that would shadow {@link java.lang.Runtime} in every file that imports it.
 */
public record RuntimeServices(Clock clock, Sleeper sleeper, Scheduler scheduler, Executor parallelFills,
                              Function<TenantSettings, CalcomTransport> transports, PolicyHolder policy,
                              ActivityTracker activity, RandomGenerator random, SlotgateMetrics metrics) {

    /** With meters of its own, on the given clock. */
    public RuntimeServices(Clock clock, Sleeper sleeper, Scheduler scheduler, Executor parallelFills,
                           Function<TenantSettings, CalcomTransport> transports, PolicyHolder policy,
                           ActivityTracker activity, RandomGenerator random) {
        this(clock, sleeper, scheduler, parallelFills, transports, policy, activity, random,
                new SlotgateMetrics(clock));
    }

    public static RuntimeServices production(SlotgateConfig config) {
        Clock clock = Clock.systemUTC();
        return new RuntimeServices(clock, Sleeper.system(), new RealScheduler(),
                Executors.newVirtualThreadPerTaskExecutor(),
                settings -> new HttpTransport(settings.calcomUrl(), config.upstreamConnectTimeout(),
                        config.upstreamRequestTimeout()),
                PolicyHolder.from(config.policy()), new ActivityTracker(clock), RandomGenerator.getDefault());
    }

    public RuntimeServices withPolicy(PolicyHolder newPolicy) {
        return new RuntimeServices(clock, sleeper, scheduler, parallelFills, transports, newPolicy, activity, random,
                metrics);
    }

    public RuntimeServices withSleeper(Sleeper newSleeper) {
        return new RuntimeServices(clock, newSleeper, scheduler, parallelFills, transports, policy, activity, random,
                metrics);
    }
}
