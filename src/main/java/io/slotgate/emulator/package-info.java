/**
 * An emulator of the parts of Cal.com API v2 that slotgate calls, so that slotgate can be tested, simulated and
 * benchmarked without a Cal.com. It answers as Cal.com does (status, body, headers, rate limits, webhooks); the few
 * settings that depart from Cal.com say so.
 *
 * <p>Public, because other packages use them:
 * <ul>
 *   <li>the emulator and its transports: {@link io.slotgate.emulator.CalcomEmulator},
 *       {@link io.slotgate.emulator.EmulatorServer} (on a socket), {@link io.slotgate.emulator.InProcessTransport}
 *       (without one), {@link io.slotgate.emulator.EmulatorRequest}, {@link io.slotgate.emulator.EmulatorResponse},
 *       {@link io.slotgate.emulator.RecordedRequest};</li>
 *   <li>its knobs: {@link io.slotgate.emulator.EmulatorSettings}, {@link io.slotgate.emulator.LatencyModel},
 *       {@link io.slotgate.emulator.SlotAnchoring};</li>
 *   <li>the tenant it holds: {@link io.slotgate.emulator.Host}, {@link io.slotgate.emulator.WorkingHours},
 *       {@link io.slotgate.emulator.DateOverride}, {@link io.slotgate.emulator.Team},
 *       {@link io.slotgate.emulator.Organization}, {@link io.slotgate.emulator.EventTypeSpec},
 *       {@link io.slotgate.emulator.SchedulingType}, {@link io.slotgate.emulator.Booking},
 *       {@link io.slotgate.emulator.DemoData};</li>
 *   <li>what it tells of changes: {@link io.slotgate.emulator.BookingEvent},
 *       {@link io.slotgate.emulator.EmulatorWebhooks}, {@link io.slotgate.emulator.WebhookSubscription},
 *       {@link io.slotgate.emulator.WebhookDeliveryModel}.</li>
 * </ul>
 *
 * <p>The rest is package-private. Behind {@code CalcomEmulator}: {@code ApiHandler} answers a request (throttler, API
 * key, route, request log, booking events), {@code TenantSetup} makes an admin's changes to the tenant,
 * {@code GroundTruth} reads what Cal.com would answer now, {@code GuardedModel} is the model behind the one lock and
 * {@code RequestPaths} reads a request's path and query as Cal.com does. {@code Router}'s table of routes hands each
 * request to one resource ({@code SlotsRoutes}, {@code ReservationRoutes}, {@code LegacySlotsRoutes},
 * {@code EventTypeRoutes}, {@code BookingRoutes}, {@code WebhookRoutes}), which validates it, works on the
 * {@code Model} and renders Cal.com's JSON; {@code SlotEngine} computes slots as Cal.com's core does, over a schedule's
 * ranges ({@code ScheduleRanges}), their arithmetic ({@code DateRanges}) and the hosts' aggregation
 * ({@code AggregatedAvailability}). Behind {@code EmulatorWebhooks}, {@code WebhookBodies} writes each webhook's body
 * and {@code WebhookDelivery} signs, delays and sends it.
 */
package io.slotgate.emulator;
