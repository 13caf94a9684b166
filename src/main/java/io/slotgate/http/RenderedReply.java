package io.slotgate.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.slotgate.availability.AvailabilityService;
import io.slotgate.availability.LayoutCounts;
import io.slotgate.availability.RenderedAnswer;

/**
 * Writes a slots answer from day buckets: the headers that say how fresh it is, a strong {@code ETag}, the ready
 * gzip bytes to a client that accepts gzip, and a {@code 304} with no body to one whose {@code If-None-Match} names
 * the answer it would get.
 */
final class RenderedReply {
    /**
     * Says a served day had a change patched into it since it was fetched (a booking's time taken out at once, its
     * refetch queued): the answer is still a cache hit, and {@code Age} still counts from the fetch.
     */
    static final String PATCHED_HEADER = "X-Slotgate-Patched";
    /** Says the answer may leave out slots Cal.com offers (it never offers one Cal.com would not). */
    static final String LAYOUT_HEADER = "X-Slotgate-Layout";
    /** Javalin's own threshold, kept: a body this small is not worth compressing, and was not compressed before. */
    static final int MIN_GZIP_BYTES = 1500;

    private RenderedReply() {
    }

    static void send(Context ctx, AvailabilityService.Rendered answer) {
        send(ctx.req(), ctx.res(), answer);
    }

    /**
     * The same on the servlet request and response, as Javalin's {@code header}, {@code status} and
     * {@code contentType} set them: the one writer of both the Javalin route and {@link ReadyHits}, so the two send
     * the same status, headers and bytes.
     */
    static void send(HttpServletRequest req, HttpServletResponse res, AvailabilityService.Rendered answer) {
        RenderedAnswer body = answer.body();
        res.setHeader("X-Cache", answer.outcome().name());
        res.setHeader("Age", Long.toString(answer.age().toSeconds()));
        if (answer.patched()) {
            res.setHeader(PATCHED_HEADER, "1");
        }
        if (answer.layout() == LayoutCounts.Layout.CONSERVATIVE) {
            // the cached days could not tell Cal.com's answer for certain, and no call was to spare
            res.setHeader(LAYOUT_HEADER, "conservative");
        } else if (answer.layout() == LayoutCounts.Layout.WITHOUT_EDGE_GAPS) {
            // Cal.com's answer but for slots only a booking just outside the window's edge would free
            res.setHeader(LAYOUT_HEADER, "without-edge-gaps");
        } else if (answer.layout() == LayoutCounts.Layout.ASKED) {
            // the cached days could not tell, so Cal.com was asked for this very query (a miss, however warm the days)
            res.setHeader(LAYOUT_HEADER, "asked");
        }
        boolean gzip = body.identity().length >= MIN_GZIP_BYTES && acceptsGzip(req.getHeader("Accept-Encoding"));
        String etag = gzip ? body.gzipEtag() : body.etag();
        // the body depends on Accept-Encoding: a shared cache must keep the two apart
        res.setHeader("Vary", "Accept-Encoding");
        res.setHeader("ETag", etag);
        if (matches(req.getHeader("If-None-Match"), etag)) {
            res.setStatus(304);
            return;
        }
        res.setStatus(200);
        res.setContentType("application/json");
        if (gzip) {
            res.setHeader("Content-Encoding", "gzip");
        }
        write(res, gzip ? body.gzip() : body.identity());
    }

    /**
     * The ready bytes straight to Jetty's stream, with their length: Javalin's result would copy them through an
     * input stream and its compressing stream (a profile of the hit path showed that copy as a fifth of its time),
     * and a body of known length needs no chunked encoding.
     */
    private static void write(HttpServletResponse res, byte[] bytes) {
        res.setContentLength(bytes.length);
        try {
            res.getOutputStream().write(bytes);
        } catch (java.io.IOException e) {
            // the client went away mid-answer: there is no one left to tell, and nothing of ours failed
        }
    }

    /** Whether {@code Accept-Encoding} lists gzip (or x-gzip) with a weight above zero. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim();
            if (!coding.equalsIgnoreCase("gzip") && !coding.equalsIgnoreCase("x-gzip")) {
                continue;
            }
            boolean accepted = true;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].trim();
                if (param.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        accepted = Double.parseDouble(param.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        accepted = false;
                    }
                }
            }
            if (accepted) {
                return true;
            }
        }
        return false;
    }

    /** {@code If-None-Match}'s weak comparison (RFC 9110 13.1.2): {@code *}, or a listed tag equal but for W/. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String part : ifNoneMatch.split(",")) {
            String tag = part.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
