package io.slotgate.calcom;

import java.time.Clock;
import java.util.Set;

/**
 * Where a user's miss stands among the clients sharing the key: a client past its share queues behind everyone
 * else's misses, and only takes a call while the window keeps the over-share reserve for the others, so it is refused
 * first when calls are scarce.
 */
final class FairShareGate {
    private final ClientShares shares = new ClientShares();
    private final Clock clock;
    private final PriorityReserves reserves;

    FairShareGate(Clock clock, PriorityReserves reserves) {
        this.clock = clock;
        this.reserves = reserves;
    }

    /**
     * @param misses the client's misses in the window before this one
     * @param keep   calls the window must keep free for clients within their share
     */
    record Standing(boolean overShare, int misses, int keep) {
    }

    Standing stand() {
        Set<String> clients = Callers.current();
        int misses = shares.misses(clients, clock.instant(), RateBudget.WINDOW);
        boolean overShare = !clients.isEmpty() && misses >= reserves.clientShare();
        if (overShare) {
            shares.held(clients, clock.instant());
        }
        // every miss a client asks for counts against its share, whether a call comes for it or not
        shares.charge(clients, clock.instant());
        // the reserve is for clients within their share: while none of them is about, it is lent to the held ones (a
        // lone heavy client, many users behind one proxy, gets the whole budget when nobody else wants it)
        int keep = overShare && shares.othersWithinShare(clients, clock.instant(), RateBudget.WINDOW,
                reserves.clientShare()) ? reserves.overShareReserve() : 0;
        return new Standing(overShare, misses, keep);
    }

    ClientShares shares() {
        return shares;
    }
}
