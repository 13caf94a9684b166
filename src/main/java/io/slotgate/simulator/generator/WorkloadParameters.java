package io.slotgate.simulator.generator;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A workload's parameters by name, the names of its record components: read into a map, changed there, and built
 * back into a workload, numbers converted to each parameter's type (so that {@code --set} may give every value as a
 * double).
 */
final class WorkloadParameters {
    private WorkloadParameters() {
    }

    static Workload with(Workload workload, UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> m = change.apply(fields(workload));
        RecordComponent[] components = Workload.class.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            if (!m.containsKey(c.getName())) {
                throw new IllegalArgumentException("a workload needs '" + c.getName() + "'");
            }
            args[i] = coerce(c, m.get(c.getName()));
        }
        try {
            return (Workload) Workload.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> numeric() {
        return Arrays.stream(Workload.class.getRecordComponents())
                .filter(c -> c.getType() == int.class || c.getType() == long.class || c.getType() == double.class)
                .map(RecordComponent::getName).toList();
    }

    private static Map<String, Object> fields(Workload workload) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : Workload.class.getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(workload));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    private static Object coerce(RecordComponent c, Object value) {
        if (value instanceof Number n) {
            if (c.getType() == int.class) {
                return wholeNumber(c, n, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            }
            if (c.getType() == long.class) {
                return wholeNumber(c, n, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (c.getType() == double.class) {
                return n.doubleValue();
            }
        }
        if (c.getType() == boolean.class && value instanceof Boolean) {
            return value;
        }
        if (c.getType().isPrimitive() || value == null || !c.getType().isInstance(value)) {
            throw new IllegalArgumentException(c.getName() + " must be a " + c.getType().getSimpleName() + ", got " + value);
        }
        return value;
    }

    private static Long wholeNumber(RecordComponent c, Number n, long least, long most) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || d < least || d > most) {
            throw new IllegalArgumentException(c.getName() + " must be a whole number, got " + n);
        }
        return n.longValue();
    }
}
