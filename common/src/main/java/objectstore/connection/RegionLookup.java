package objectstore.connection;

import static objectstore.connection.ProfileFiles.notBlank;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import objectstore.store.UserError;

/**
 * Finds the region to sign for, as the AWS CLI does:
 *
 * <ol>
 *   <li>{@code AWS_REGION};
 *   <li>else {@code AWS_DEFAULT_REGION};
 *   <li>else the {@code region} of the profile {@code AWS_PROFILE} names (or of {@code default}) in
 *       {@code ~/.aws/config} (or the file {@code AWS_CONFIG_FILE} names);
 *   <li>else {@link Target#DEFAULT_REGION}, us-east-1.
 * </ol>
 *
 * A bucket in another region is still reached: S3 says where it is, and the lite client follows once.
 */
public final class RegionLookup {

    /**
     * What a region's name looks like: eu-west-3, us-gov-west-1, cn-north-1 (and a custom store's own, e.g. garage).
     */
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private RegionLookup() {}

    /** Looks the region up in this process's environment. */
    public static String fromEnvironment() {
        return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Looks the region up in the given environment and home folder. */
    public static String resolve(Map<String, String> env, Path home) {
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            if (notBlank(env.get(variable))) {
                return check(env.get(variable).strip(), variable);
            }
        }
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        ProfileFiles.read(
                ProfileFiles.configFile(env, home),
                true,
                env.containsKey("AWS_CONFIG_FILE") ? "AWS_CONFIG_FILE" : null,
                profiles);
        String name = notBlank(env.get("AWS_PROFILE")) ? env.get("AWS_PROFILE").strip() : "default";
        Map<String, String> profile = profiles.get(name);
        if (profile != null && notBlank(profile.get("region"))) {
            return check(profile.get("region"), "profile '" + name + "' in " + ProfileFiles.configFile(env, home));
        }
        return Target.DEFAULT_REGION;
    }

    /** The region, when it looks like one; else a one-line error naming where it came from. */
    public static String check(String region, String from) {
        if (!REGION.matcher(region).matches()) {
            throw new UserError(
                    "region '" + region + "' (from " + from + ") is not a region name; write it like eu-west-3");
        }
        return region;
    }
}
