package io.slotgate.slots;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotsJsonTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private static Slot at(String instant) {
        return Slot.of(Instant.parse(instant), HOUR);
    }

    @Test
    void rendersCalcomsRomeExampleByteForByte() {
        // NOTES.md §2a: one-hour event, Europe/Rome, summer time
        List<Slot> slots = List.of(at("2050-09-05T07:00:00Z"), at("2050-09-05T08:00:00Z"), at("2050-09-06T07:00:00Z"));
        String body = SlotsJson.render(slots, RequestedZone.parse("Europe/Rome").orElseThrow(), SlotFormat.TIME);
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{"
                + "\"2050-09-05\":[{\"start\":\"2050-09-05T09:00:00.000+02:00\"},{\"start\":\"2050-09-05T10:00:00.000+02:00\"}],"
                + "\"2050-09-06\":[{\"start\":\"2050-09-06T09:00:00.000+02:00\"}]}}");
    }

    @Test
    void rendersRangeFormatWithEnds() {
        String body = SlotsJson.render(List.of(at("2050-09-05T07:00:00Z")),
                RequestedZone.parse("Europe/Rome").orElseThrow(), SlotFormat.RANGE);
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{\"2050-09-05\":[{\"start\":"
                + "\"2050-09-05T09:00:00.000+02:00\",\"end\":\"2050-09-05T10:00:00.000+02:00\"}]}}");
    }

    @Test
    void withoutATimeZoneTimesAreUtcWithZ() {
        String body = SlotsJson.render(List.of(at("2050-09-05T07:00:00Z")), RequestedZone.UTC, SlotFormat.TIME);
        assertThat(body).contains("\"2050-09-05T07:00:00.000Z\"");
    }

    @Test
    void anIanaZoneAtOffsetZeroGetsANumericOffsetAsLuxonWrites() {
        String body = SlotsJson.render(List.of(at("2050-01-05T07:00:00Z")),
                RequestedZone.parse("Europe/London").orElseThrow(), SlotFormat.TIME);
        assertThat(body).contains("\"2050-01-05T07:00:00.000+00:00\"");
    }

    @Test
    void datesAreKeyedInTheRequestedZoneSoASlotCanMoveToTheNextDate() {
        String body = SlotsJson.render(List.of(at("2050-09-05T23:30:00Z")),
                RequestedZone.parse("Asia/Tokyo").orElseThrow(), SlotFormat.TIME);
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{\"2050-09-06\":[{\"start\":\"2050-09-06T08:30:00.000+09:00\"}]}}");
    }

    @Test
    void nothingFreeIsAnEmptyObject() {
        assertThat(SlotsJson.render(List.of(), RequestedZone.UTC, SlotFormat.TIME))
                .isEqualTo("{\"status\":\"success\",\"data\":{}}");
    }

    @Test
    void parsingReadsBackWhatRenderingWrote() {
        List<Slot> slots = List.of(at("2050-09-05T07:00:00Z"), at("2050-09-07T13:15:00Z"));
        String body = SlotsJson.render(slots, RequestedZone.parse("America/New_York").orElseThrow(), SlotFormat.RANGE);
        assertThat(SlotsJson.parse(body, Duration.ZERO)).isEqualTo(slots);
    }

    @Test
    void parsingRefusesBodiesThatAreNotCalcomsSuccessShape() {
        assertThatThrownBy(() -> SlotsJson.parse("{\"status\":\"error\"}", HOUR))
                .isInstanceOf(SlotsJson.MalformedSlotsException.class);
        assertThatThrownBy(() -> SlotsJson.parse("not json", HOUR))
                .isInstanceOf(SlotsJson.MalformedSlotsException.class);
        assertThatThrownBy(() -> SlotsJson.parse("{\"status\":\"success\",\"data\":{\"2050-01-01\":[{\"start\":\"x\"}]}}", HOUR))
                .isInstanceOf(SlotsJson.MalformedSlotsException.class);
    }
}
