package io.slotgate.bench.pressure;

import io.slotgate.slots.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One answer slotgate gave, as the balancer saw it, with the emulator's truth read the moment it arrived. Only the
 * differences from the truth are kept (they are what the judge looks at, and they are small).
 *
 * @param answeredAt       when the truth was read: the instant the answer left slotgate, within the loopback hop
 * @param latency          from forwarding the query to the instance to the answer's last byte
 * @param falseAvailable   slots the answer offers that the emulator does not offer at {@code answeredAt}
 * @param falseUnavailable slots the emulator offers at {@code answeredAt} that the answer leaves out
 * @param identical        the body is byte for byte the emulator's own answer at {@code answeredAt}
 * @param problem          why a 200 could not be judged (an unreadable body), else null
 */
record Answer(BenchQuery query, int instance, Instant answeredAt, int status, String retryAfter, String cache,
              Duration latency, int offered, List<Slot> falseAvailable, List<Slot> falseUnavailable,
              boolean identical, String problem) {
    Answer {
        falseAvailable = List.copyOf(falseAvailable);
        falseUnavailable = List.copyOf(falseUnavailable);
    }

    /** A 200 with its slots, judged against the truth of the same query. */
    static Answer ok(BenchQuery query, int instance, String cache, Duration latency, String body, List<Slot> offered,
                     Truth.Reading truth) {
        Set<Slot> told = new LinkedHashSet<>(offered);
        Set<Slot> real = new LinkedHashSet<>(truth.slots());
        List<Slot> wronglyOffered = told.stream().filter(s -> !real.contains(s)).toList();
        List<Slot> wronglyMissing = real.stream().filter(s -> !told.contains(s)).toList();
        return new Answer(query, instance, truth.at(), 200, null, cache, latency, offered.size(), wronglyOffered,
                wronglyMissing, body.equals(truth.body()), null);
    }

    /** Any answer that carries no slots to judge (503, 4xx, ...), or a 200 whose body could not be read. */
    static Answer unjudged(BenchQuery query, int instance, Instant at, int status, String retryAfter, String cache,
                           Duration latency, String problem) {
        return new Answer(query, instance, at, status, retryAfter, cache, latency, 0, List.of(), List.of(), false,
                problem);
    }

    boolean judged() {
        return status == 200 && problem == null;
    }
}
