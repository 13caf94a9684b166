package io.slotgate.calcom;

import java.util.List;

/** An event type as a list route shows it: its facts, and the usernames of its hosts (whose own lists may follow). */
public record EventTypeListing(EventTypeInfo info, List<String> hostUsernames) {
    public EventTypeListing {
        hostUsernames = List.copyOf(hostUsernames);
    }
}
