package io.slotgate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** The registry, and the two ways the binders read figures kept elsewhere: a gauge, or a counter over a source. */
final class Meters {
    final MeterRegistry registry;
    /** Function counters hold their source weakly: these are the sources nobody else holds (a memoized supplier). */
    private final List<Object> retained = new CopyOnWriteArrayList<>();

    Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    void gauge(String name, Tags tags, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
    }

    <T> void functionCounter(String name, Tags tags, String description, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).tags(tags).description(description).register(registry);
        retained.add(source);
    }
}
