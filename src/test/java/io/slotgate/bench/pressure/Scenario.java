package io.slotgate.bench.pressure;

import java.util.Arrays;
import java.util.List;

/** The workloads of issue 9's table, by the names {@code bench/pressure.sh} takes. */
enum Scenario {
    RUSH_1("rush-1", 1, 10),
    RUSH_2("rush-2", 2, 10),
    RUSH_2_REDIS_RESTART("rush-2-redis-restart", 2, 10),
    COLD_STORM("cold-storm", 1, 50),
    SPREAD("spread", 1, 30),
    ATTACK("attack", 1, 10);

    final String wireName;
    final int instances;
    final int eventTypes;

    Scenario(String wireName, int instances, int eventTypes) {
        this.wireName = wireName;
        this.instances = instances;
        this.eventTypes = eventTypes;
    }

    boolean isRush() {
        return this == RUSH_1 || this == RUSH_2 || this == RUSH_2_REDIS_RESTART;
    }

    /** Two instances share one Redis; one instance runs as a user starts it first, in-process cache only. */
    boolean withRedis() {
        return instances > 1;
    }

    static List<Scenario> parse(String name) {
        if (name.equals("all")) {
            return List.of(values());
        }
        return List.of(Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'; known: all, "
                        + String.join(", ", Arrays.stream(values()).map(s -> s.wireName).toList()))));
    }
}
