package io.slotgate.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which resource answers a request, as a table of routes. Cal.com's Nest app picks a controller by
 * {@code cal-api-version} before it matches the path, so a route served under one version is "Cannot GET ..." under
 * another: each route names the versions it answers for. Every route runs under the emulator's lock; failures are
 * thrown as {@link ApiException} and rendered by the caller in Cal.com's envelope.
 */
final class Router {
    /** The versions {@code apps/api/v2/src/app.ts} knows; any other value (or none) is served as 2024-04-15. */
    private static final Set<String> API_VERSIONS =
            Set.of("2024-04-15", "2024-06-11", "2024-06-14", "2024-08-13", "2024-09-04");
    private static final String UNAUTHORIZED = "ApiAuthStrategy - Invalid Authentication method";
    /** Sections behind the key as a whole: without one, even a path no route has there is a 401, not a 404. */
    private static final Set<String> KEY_ONLY_SECTIONS = Set.of("webhooks");

    /** A matched request: {@code holes} are the path segments the route's {@code {}} stand for, in order. */
    record Call(EmulatorRequest req, List<String> holes, Instant now, boolean authenticated) {
        String hole(int i) {
            return holes.get(i);
        }
    }

    @FunctionalInterface
    interface Handler {
        Outcome handle(Call call);
    }

    /** {@code path} is below {@code /v2/}, its segments split by '/', each literal or {@code {}}. */
    private record Route(String method, String[] path, Predicate<String> version, boolean keyOnly, Handler handler) {
        List<String> match(String method, String[] segments, String version) {
            if (!this.method.equals(method) || segments.length != path.length + 1 || !this.version.test(version)) {
                return null;
            }
            List<String> holes = new ArrayList<>();
            for (int i = 0; i < path.length; i++) {
                if (path[i].equals("{}")) {
                    holes.add(segments[i + 1]);
                } else if (!path[i].equals(segments[i + 1])) {
                    return null;
                }
            }
            return holes;
        }
    }

    private final Model model;
    private final List<Route> routes = new ArrayList<>();

    Router(Model model, SlotsRoutes slots, ReservationRoutes reservations, LegacySlotsRoutes legacySlots,
           EventTypeRoutes eventTypes, BookingRoutes bookings, WebhookRoutes webhooks) {
        this.model = model;
        Predicate<String> any = v -> true;
        Predicate<String> slotsVersion = EmulatorRequest.SLOTS_VERSION::equals;
        // The 2024-04-15 controller (legacy-slots.md): every version but 2024-09-04, and none at all.
        Predicate<String> legacySlotsVersion = slotsVersion.negate();
        // The 2024-04-15 bookings controller, with other shapes, is not emulated.
        Predicate<String> bookingsVersion = EmulatorRequest.BOOKINGS_VERSION::equals;

        add("GET", "slots/available", legacySlotsVersion, false, c -> legacySlots.available(c.req(), c.now()));
        add("POST", "slots/reserve", legacySlotsVersion, false, c -> legacySlots.reserve(c.req(), c.now()));
        add("DELETE", "slots/selected-slot", legacySlotsVersion, false, c -> legacySlots.deleteSelected(c.req()));
        add("GET", "slots", slotsVersion, false, c -> slots.slots(c.req(), c.now()));
        add("POST", "slots/reservations", slotsVersion, false,
                c -> reservations.reserve(c.req(), c.now(), c.authenticated()));
        add("DELETE", "slots/reservations/{}", slotsVersion, false, c -> reservations.delete(c.hole(0)));
        add("GET", "slots/reservations/{}", slotsVersion, false, c -> reservations.get(c.hole(0)));

        add("GET", "event-types", EmulatorRequest.EVENT_TYPES_VERSION::equals, false,
                c -> eventTypes.list(c.req(), c.authenticated()));
        add("GET", "event-types/{}", any, true, c -> eventTypes.byId(c.hole(0)));
        add("GET", "teams", any, true, c -> eventTypes.teams());
        add("GET", "teams/{}/event-types", any, false, c -> eventTypes.ofTeam(c.hole(0), c.req()));
        add("GET", "organizations/{}/teams/event-types", any, true,
                c -> eventTypes.ofOrganizationTeams(c.hole(0), c.req()));

        add("POST", "bookings", bookingsVersion, false, c -> bookings.create(c.req(), c.now()));
        add("GET", "bookings/{}", bookingsVersion, false, c -> bookings.get(c.hole(0)));
        add("POST", "bookings/{}/cancel", bookingsVersion, false, c -> bookings.cancel(c.hole(0), c.req(), c.now()));
        add("POST", "bookings/{}/reschedule", bookingsVersion, false,
                c -> bookings.reschedule(c.hole(0), c.req(), c.now()));

        add("POST", "webhooks", any, true, c -> webhooks.create(c.req()));
        add("GET", "webhooks", any, true, c -> webhooks.list());
        add("DELETE", "webhooks/{}", any, true, c -> webhooks.delete(c.hole(0)));
    }

    private void add(String method, String path, Predicate<String> version, boolean keyOnly, Handler handler) {
        routes.add(new Route(method, path.split("/"), version, keyOnly, handler));
    }

    static String version(EmulatorRequest req) {
        String v = req.header("cal-api-version");
        return v != null && API_VERSIONS.contains(v) ? v : "2024-04-15";
    }

    /**
     * Routes one request. {@code authenticated} is true when a known API key was sent (an unknown key never gets
     * here: the throttler guard refuses it first).
     */
    Outcome route(EmulatorRequest req, String path, Instant now, boolean authenticated) {
        String[] segments = path.substring(1).split("/");
        if (segments.length < 2 || !segments[0].equals("v2")) {
            throw notRouted(req);
        }
        // Before any route, so that no route sees a reservation that has run out.
        model.dropExpiredReservations(now);
        if (KEY_ONLY_SECTIONS.contains(segments[1]) && !authenticated) {
            throw ApiException.unauthorized(UNAUTHORIZED);
        }
        String version = version(req);
        for (Route route : routes) {
            List<String> holes = route.match(req.method(), segments, version);
            if (holes != null) {
                if (route.keyOnly() && !authenticated) {
                    throw ApiException.unauthorized(UNAUTHORIZED);
                }
                return route.handler().handle(new Call(req, holes, now, authenticated));
            }
        }
        throw notRouted(req);
    }

    /** Nest's 404 for a route no controller has: "Cannot GET " + the original URL, query included. */
    private static ApiException notRouted(EmulatorRequest req) {
        return ApiException.notFound("Cannot " + req.method() + " " + req.path() + RequestPaths.queryPart(req));
    }
}
