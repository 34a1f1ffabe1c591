package objectstore.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import objectstore.store.UserError;

/** Parses endpoint URLs given by the user, with one-line errors that show the expected form. */
public final class Endpoints {

    private Endpoints() {}

    /** An S3 endpoint: {@code http(s)://host[:port]}. */
    public static URI httpEndpoint(String what, String value) {
        URI uri = parse(what, value, "http://localhost:9001");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserError(what + " '" + value + "' has scheme '" + scheme
                    + "'; an S3 endpoint is http:// or https://, e.g. http://localhost:9001");
        }
        return uri;
    }

    /** AWS S3's endpoint for a region: {@code https://s3.REGION.amazonaws.com} ({@code .amazonaws.com.cn} for cn-*). */
    public static URI awsS3(String region) {
        return URI.create("https://s3." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
    }

    /** True when the endpoint is AWS S3 itself: a host under amazonaws.com (or amazonaws.com.cn). */
    public static boolean isAws(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    /** A Redis endpoint: {@code redis(s)://[:password@]host[:port][/db]}. */
    public static URI redisEndpoint(String what, String value) {
        URI uri = parse(what, value, "redis://localhost:6379");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new UserError(what + " has scheme '" + scheme
                    + "'; a Redis endpoint is redis:// or rediss://, e.g. redis://localhost:6379");
        }
        return uri;
    }

    /** The endpoint with any password removed, for output. */
    public static String printable(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The port an endpoint names, or its scheme's default. */
    public static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "https" -> 443;
            case "redis", "rediss" -> 6379;
            default -> 80;
        };
    }

    private static URI parse(String what, String value, String example) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new UserError(
                    what + " is not a valid URL (" + e.getReason() + "); expected something like " + example);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new UserError(
                    what + " '" + printableRaw(value) + "' is not a valid URL; expected something like " + example);
        }
        return uri;
    }

    private static String printableRaw(String value) {
        int at = value.indexOf('@');
        int scheme = value.indexOf("://");
        return at > 0 && scheme > 0 && at > scheme
                ? value.substring(0, scheme + 3) + "***" + value.substring(at)
                : value;
    }
}
