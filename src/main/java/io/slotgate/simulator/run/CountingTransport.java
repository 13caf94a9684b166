package io.slotgate.simulator.run;

import io.slotgate.calcom.CalcomTransport;
import io.slotgate.calcom.UpstreamRequest;
import io.slotgate.calcom.UpstreamResponse;

import java.io.IOException;
import java.time.Clock;

/** Counts every call slotgate makes to Cal.com, by path, status and quarter-hour of the simulated day. */
final class CountingTransport implements CalcomTransport {
    private final CalcomTransport next;
    private final Clock clock;
    private final Recorder recorder;

    CountingTransport(CalcomTransport next, Clock clock, Recorder recorder) {
        this.next = next;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        UpstreamResponse response = next.send(request);
        recorder.calcomCall(clock.instant(), request.method(), request.path(), response.status());
        return response;
    }
}
