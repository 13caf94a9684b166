package io.slotgate.availability;

import io.slotgate.slots.Slot;

import java.util.List;

/**
 * How an answer's slots become a body (a route's JSON in a zone and format). Implementations are values: equal forms
 * render equal bytes, so queries asked in the same form share one prepared answer.
 */
public interface AnswerForm {
    String render(List<Slot> slots);
}
