package io.slotgate.availability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One answer's body, ready to write: its UTF-8 bytes, the same gzip-compressed (once, here, not per request), and a
 * strong entity tag for each. The tag is a hash of the bytes, so an answer laid out again with the same content keeps
 * it (a polling client's {@code If-None-Match} still matches), and any change of content gives a new one. The gzip
 * representation has its own tag, as a strong validator must differ between content codings.
 */
public final class RenderedAnswer {
    private final byte[] identity;
    private final byte[] gzip;
    private final String etag;
    private final String gzipEtag;

    private RenderedAnswer(byte[] identity, byte[] gzip, String etag) {
        this.identity = identity;
        this.gzip = gzip;
        this.etag = "\"" + etag + "\"";
        this.gzipEtag = "\"" + etag + "-gzip\"";
    }

    public static RenderedAnswer of(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new RenderedAnswer(bytes, gzip(bytes), tag(bytes));
    }

    public byte[] identity() {
        return identity;
    }

    public byte[] gzip() {
        return gzip;
    }

    /** The tag of the identity bytes. */
    public String etag() {
        return etag;
    }

    /** The tag of the gzip bytes. */
    public String gzipEtag() {
        return gzipEtag;
    }

    /** What an entry weighs in a byte-bounded cache: both bodies and both tags, plus the objects that hold them. */
    long weight() {
        return identity.length + gzip.length + 2L * etag.length() + OVERHEAD;
    }

    /** Object headers, array headers, the tag strings, the key, the entry and the cache node around them: chosen so
     * the count covers the heap measured for 10,000 answers (bench/jmh.sh memory, docs/architecture.md). */
    static final long OVERHEAD = 512;

    /** SHA-256, cut to 128 bits (no collision to fear among one deployment's answers), base64url without padding. */
    private static String tag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The best compression: it is paid once per answer and read by every client that asks for gzip. */
    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
