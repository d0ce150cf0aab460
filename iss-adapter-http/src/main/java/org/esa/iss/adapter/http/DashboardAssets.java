package org.esa.iss.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read once from the classpath (they ship inside the jar, so the page works without
 * internet). Only the files listed here are served: a request path is looked up, never resolved, so it cannot
 * reach anything else on the classpath.
 */
final class DashboardAssets {
    private static final String ROOT = "/org/esa/iss/adapter/http/dashboard/";
    private static final String INDEX = "index.html";
    private static final List<String> FILES = List.of("app.js", "charts.js", "world.js", "style.css");
    /** Short, because a client that requests an asset without the page's version tag still gets updates soon. */
    private static final int ASSET_MAX_AGE_SECONDS = 300;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json; charset=utf-8");
    /** The page itself may only load what it ships with and talk to this server. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private final Map<String, HttpReply> byPath;

    private DashboardAssets(Map<String, HttpReply> byPath) {
        this.byPath = byPath;
    }

    static DashboardAssets load() {
        Map<String, HttpReply> byPath = new HashMap<>();
        String page = new String(read(INDEX), StandardCharsets.UTF_8);
        for (String file : FILES) {
            byte[] bytes = read(file);
            String tag = etag(bytes);
            HttpReply reply = new HttpReply(200, bytes, contentType(file), Map.of("ETag", '"' + tag + '"'));
            byPath.put("/assets/" + file, reply.withHeader("Cache-Control", "public, max-age=" + ASSET_MAX_AGE_SECONDS));
            // The page names each asset with its content hash, so a new jar's assets are never taken from cache.
            page = page.replace("\"assets/" + file + "\"", "\"assets/" + file + "?v=" + tag + "\"");
        }
        byte[] pageBytes = page.getBytes(StandardCharsets.UTF_8);
        // Always revalidated, so that a new version of the jar shows at the next reload.
        byPath.put("/", new HttpReply(200, pageBytes, contentType(INDEX), Map.of(
                "ETag", '"' + etag(pageBytes) + '"',
                "Cache-Control", "no-cache",
                "Content-Security-Policy", CONTENT_SECURITY_POLICY)));
        return new DashboardAssets(Map.copyOf(byPath));
    }

    private static String contentType(String file) {
        return CONTENT_TYPES.getOrDefault(file.substring(file.lastIndexOf('.') + 1), "application/octet-stream");
    }

    /** The file at {@code path}; 304 when {@code ifNoneMatch} names its current version. */
    Optional<HttpReply> get(String path, String ifNoneMatch) {
        HttpReply reply = byPath.get(path);
        if (reply == null) {
            return Optional.empty();
        }
        if (ifNoneMatch != null && ifNoneMatch.contains(reply.headers().get("ETag"))) {
            return Optional.of(reply.withStatus(304));
        }
        return Optional.of(reply);
    }

    private static byte[] read(String file) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + ROOT + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + file, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
