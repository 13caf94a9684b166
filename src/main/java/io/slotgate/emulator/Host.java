package io.slotgate.emulator;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** A Cal.com user who can host events; availability is computed from {@code hours} in {@code timeZone}. */
public record Host(long id, String username, String name, String email, ZoneId timeZone, List<WorkingHours> hours) {
    public Host {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(timeZone, "timeZone");
        hours = List.copyOf(hours);
    }
}
