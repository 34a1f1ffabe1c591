package objectstore.lite;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.connection.Credentials;
import objectstore.connection.Endpoints;
import objectstore.connection.Target;

/**
 * Where each bucket's requests go, and for which region they are signed: the host in the URL, the {@code Host} header,
 * whether the bucket is in the path or in the host name, and the signer.
 *
 * <p>The normal path costs one map lookup: a path-style bucket in the client's region shares one route, and a
 * virtual-hosted bucket's host name is built once and kept. A bucket that S3 said lives in another region
 * ({@link #redirect}) is remembered with that region's signer (a signing key is per day <em>and</em> region, so there
 * is one signer per region, each keeping its own day's key) and, on AWS, that region's endpoint.
 */
final class BucketRoutes {

    /**
     * One way to a bucket: the region signed for, its signer, the URL's host, the Host header, the bucket in the path
     * or not.
     */
    record Route(String region, SigV4Signer signer, String host, String hostHeader, boolean pathStyle) {}

    /** Virtual-hosted names kept at most; beyond, a name is built per request (redirected buckets are always kept). */
    private static final int MAX_REMEMBERED = 10_000;

    /*
     * AWS's S3 endpoints that name a region: s3.eu-west-3.amazonaws.com, the older s3-eu-west-3 form,
     * dualstack and FIPS variants, China's .amazonaws.com.cn, and the global s3.amazonaws.com (and
     * s3-external-1), which names none. Group 1 is what comes before the region, group 2 the region.
     * Anything else under amazonaws.com (s3-accelerate, access points, VPC endpoints) keeps its host.
     */
    private static final String REGION_NAME = "[a-z]{2}(?:-[a-z]+)+-\\d+";
    private static final Pattern AWS_S3_HOST = Pattern.compile(
            "(s3(?:-fips)?(?:\\.dualstack)?)(?:[.-](" + REGION_NAME + "|external-1))?\\.(amazonaws\\.com(?:\\.cn)?)");
    /** The region in the host name of an {@code <Endpoint>}, e.g. bucket.s3.eu-west-3.amazonaws.com. */
    private static final Pattern ENDPOINT_REGION = Pattern.compile(
            "(?:^|\\.)s3(?:-fips)?(?:\\.dualstack)?[.-](" + REGION_NAME + ")\\.amazonaws\\.com(?:\\.cn)?$");

    private final Credentials credentials;
    private final String endpointHost;
    private final int port;
    private final boolean https;
    private final boolean aws;
    private final LiteSettings.Addressing addressing;
    /** Path-style in the client's region: ListBuckets, and every path-style bucket S3 has not sent elsewhere. */
    private final Route endpointRoute;

    private final Map<String, SigV4Signer> signers = new ConcurrentHashMap<>();
    private final Map<String, Route> buckets = new ConcurrentHashMap<>();

    BucketRoutes(Target target, LiteSettings.Addressing addressing) {
        URI uri = target.endpoint();
        this.credentials = target.credentials();
        this.endpointHost = uri.getHost();
        this.port = uri.getPort();
        this.https = uri.getScheme().equalsIgnoreCase("https");
        this.aws = Endpoints.isAws(uri);
        this.addressing = addressing;
        if (addressing == LiteSettings.Addressing.VIRTUAL && isIpAddress(endpointHost)) {
            throw new IllegalArgumentException(
                    "virtual-hosted addressing needs a host name to put the bucket in front of; " + endpointHost
                            + " is an IP address: use path-style, or a name for it (localhost)");
        }
        this.endpointRoute =
                new Route(target.region(), signer(target.region()), endpointHost, hostHeader(endpointHost), true);
    }

    /** The route for {@code bucket}; for no bucket (ListBuckets), the endpoint's. */
    // tag::route[]
    Route route(String bucket) {
        if (bucket == null) {
            return endpointRoute;
        }
        Route known = buckets.get(bucket);
        if (known != null) {
            return known;
        }
        if (!virtual(bucket)) {
            return endpointRoute;
        }
        Route route = routeTo(bucket, endpointRoute.region(), endpointHost);
        if (buckets.size() < MAX_REMEMBERED) {
            buckets.putIfAbsent(bucket, route);
        }
        return route;
    }
    // end::route[]

    /**
     * Sends the bucket's calls from now on to {@code region}: signed for it and, on AWS, to its endpoint. Returns false
     * when that changes nothing, because {@code used} went there already.
     */
    boolean redirect(String bucket, Route used, String region) {
        String host = aws ? regionalHost(endpointHost, region) : endpointHost;
        Route moved = routeTo(bucket, region, host);
        if (moved.region().equals(used.region()) && moved.hostHeader().equals(used.hostHeader())) {
            return false;
        }
        buckets.put(bucket, moved);
        return true;
    }

    /** Forgets what is known of a bucket (it was deleted; one of that name may appear elsewhere). */
    void forget(String bucket) {
        buckets.remove(bucket);
    }

    /**
     * Virtual-hosted or path-style for this bucket. Over https a dotted name goes path-style: the certificate's
     * wildcard covers one label, so my.bucket.s3.REGION.amazonaws.com would not match it.
     */
    private boolean virtual(String bucket) {
        boolean wanted = switch (addressing) {
            case PATH -> false;
            case VIRTUAL -> true;
            case AUTO -> aws;
        };
        return wanted && !(https && bucket.indexOf('.') >= 0);
    }

    private Route routeTo(String bucket, String region, String baseHost) {
        SigV4Signer signer = signer(region);
        if (virtual(bucket)) {
            String host = bucket + "." + baseHost;
            return new Route(region, signer, host, hostHeader(host), false);
        }
        return new Route(region, signer, baseHost, hostHeader(baseHost), true);
    }

    private SigV4Signer signer(String region) {
        return signers.computeIfAbsent(region, r -> new SigV4Signer(credentials, r, "s3"));
    }

    private String hostHeader(String host) {
        return port < 0 ? host : host + ":" + port;
    }

    /**
     * An AWS S3 endpoint's host moved to {@code region} (s3.us-east-1.amazonaws.com to s3.eu-west-3.amazonaws.com);
     * others unchanged.
     */
    static String regionalHost(String host, String region) {
        Matcher matcher = AWS_S3_HOST.matcher(host.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return host;
        }
        return matcher.group(1) + "." + region + "." + matcher.group(3);
    }

    /** The region an {@code <Endpoint>} host name names, or null. */
    static String regionOf(String endpointHost) {
        Matcher matcher = ENDPOINT_REGION.matcher(endpointHost.strip().toLowerCase(Locale.ROOT));
        return matcher.find() ? matcher.group(1) : null;
    }

    private static boolean isIpAddress(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }
}
