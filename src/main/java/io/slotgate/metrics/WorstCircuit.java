package io.slotgate.metrics;

import io.slotgate.calcom.CircuitBreakerInterceptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tenants' Cal.com circuits, summed up for the dashboard as the worst of their states. */
final class WorstCircuit {
    private final List<CircuitBreakerInterceptor> circuits = new CopyOnWriteArrayList<>();

    void add(CircuitBreakerInterceptor breaker) {
        circuits.add(breaker);
    }

    /** OPEN before HALF_OPEN before CLOSED; CLOSED when no tenant has a circuit. */
    CircuitBreakerInterceptor.State state() {
        CircuitBreakerInterceptor.State worst = CircuitBreakerInterceptor.State.CLOSED;
        for (CircuitBreakerInterceptor breaker : circuits) {
            CircuitBreakerInterceptor.State state = breaker.state();
            if (severity(state) > severity(worst)) {
                worst = state;
            }
        }
        return worst;
    }

    /** Also the value of {@code slotgate.circuit.state}, so the gauge and the dashboard rank states alike. */
    static int severity(CircuitBreakerInterceptor.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
