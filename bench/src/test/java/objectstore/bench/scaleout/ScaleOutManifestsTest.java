package objectstore.bench.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import objectstore.bench.Chapters;
import objectstore.bench.merge.Merge;
import objectstore.harness.Options;
import objectstore.harness.StartGate;
import objectstore.provisioning.BucketLifecycle;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests of docs/scale-out/ parse, and hold what a scale-out run needs: an Indexed Job of N clients
 * that agree on N, each with its own bucket and result file, the store from a Secret, a volume they all share; then a
 * merge Job that reads their folder. The arguments a pod would get (its $(VAR)s expanded as Kubernetes expands them) go
 * through the project's own parsers, so a manifest with an option a chapter does not know fails here, not in the
 * cluster.
 */
class ScaleOutManifestsTest {

    private static final Path DIR = Path.of("../docs/scale-out");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theClientsAreAnIndexedJobOfNEachWithItsOwnBucketAndResultAndTheStoreFromASecret() throws Exception {
        List<JsonNode> documents = read("clients-job.yaml");
        JsonNode claim = kind(documents, "PersistentVolumeClaim");
        JsonNode job = kind(documents, "Job");
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");

        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        int n = spec.path("completions").asInt();
        assertThat(n).isGreaterThan(1);
        assertThat(spec.path("parallelism").asInt())
                .as("every client runs at once")
                .isEqualTo(n);
        JsonNode pod = spec.path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).contains("object-store-experiments:");

        // The index comes from the pod's annotation; every other variable is derived from it.
        Map<String, JsonNode> env = byName(container.path("env"));
        assertThat(env.get("INDEX")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertThat(env.get(StartGate.HOSTS).path("value").asText())
                .as("the start gate waits for all N")
                .isEqualTo(Integer.toString(n));

        // The store's endpoint and credentials come from a Secret, never from the manifest.
        assertThat(container
                        .path("envFrom")
                        .get(0)
                        .path("secretRef")
                        .path("name")
                        .asText())
                .isEqualTo("objectstore-store");
        assertThat(env)
                .doesNotContainKeys(
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN",
                        "AWS_ENDPOINT_URL",
                        "REDIS_URL");

        // One volume for all clients (ReadWriteMany), mounted at /results; /tmp writable under a read-only root.
        assertThat(claim.path("spec").path("accessModes").toString()).contains("ReadWriteMany");
        Map<String, JsonNode> volumes = byName(pod.path("volumes"));
        assertThat(volumes.get("results")
                        .path("persistentVolumeClaim")
                        .path("claimName")
                        .asText())
                .isEqualTo(claim.path("metadata").path("name").asText());
        assertThat(volumes.get("tmp").has("emptyDir")).isTrue();
        Map<String, JsonNode> mounts = byName(container.path("volumeMounts"));
        assertThat(mounts.get("results").path("mountPath").asText()).isEqualTo("/results");
        assertThat(mounts.get("tmp").path("mountPath").asText()).isEqualTo("/tmp");

        // Pod 2's arguments and environment, expanded, through the project's own parsers.
        Map<String, String> pod2 = expandEnv(container.path("env"), "2");
        List<String> args = expand(strings(container.path("args")), pod2);
        Chapters.Chapter chapter = Chapters.find(args.getFirst()).orElseThrow();
        Options options = Options.parse(
                chapter.name(),
                chapter.experiment().defaults(),
                chapter.experiment().extras(),
                args.subList(1, args.size()).toArray(String[]::new));
        assertThat(options.json()).isEqualTo(Path.of("/results/run-1/clients/client-2.json"));
        assertThat(options.rate())
                .as("an open loop keeps clients that begin together together")
                .isPositive();
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(BucketLifecycle.bucketName(chapter.name(), pod2.get(BucketLifecycle.SUFFIX_VARIABLE)))
                .isEqualTo("lite-http-s3-client-2");
        assertThat(StartGate.from(pod2)).isNotNull();
        assertThat(pod2.get(StartGate.DIR)).isEqualTo("/results/run-1/start");
    }

    @Test
    void theMergeIsAJobThatReadsTheClientsFolderOnTheSameVolume() throws Exception {
        JsonNode clients = kind(read("clients-job.yaml"), "Job");
        JsonNode merge = kind(read("merge-job.yaml"), "Job");
        JsonNode clientPod = clients.path("spec").path("template").path("spec");
        JsonNode mergePod = merge.path("spec").path("template").path("spec");
        JsonNode clientContainer = clientPod.path("containers").get(0);
        JsonNode container = mergePod.path("containers").get(0);

        assertThat(merge.path("spec").has("completionMode")).as("one pod").isFalse();
        assertThat(container.path("image").asText())
                .isEqualTo(clientContainer.path("image").asText());
        assertThat(byName(mergePod.path("volumes"))
                        .get("results")
                        .path("persistentVolumeClaim")
                        .path("claimName")
                        .asText())
                .isEqualTo(byName(clientPod.path("volumes"))
                        .get("results")
                        .path("persistentVolumeClaim")
                        .path("claimName")
                        .asText());

        Map<String, String> clientEnv = expandEnv(clientContainer.path("env"), "0");
        List<String> clientArgs = expand(strings(clientContainer.path("args")), clientEnv);
        Path clientJson = Path.of(clientArgs.get(clientArgs.indexOf("--json") + 1));

        List<String> args = expand(strings(container.path("args")), expandEnv(container.path("env"), null));
        assertThat(args.getFirst()).isEqualTo("bench");
        Merge.Request request = Merge.parse(args.subList(1, args.size()).toArray(String[]::new));
        assertThat(request.inputs()).as("the folder every client writes to").containsExactly(clientJson.getParent());
        assertThat(request.out().getParent()).isEqualTo(clientJson.getParent().getParent());
        assertThat(request.out().startsWith(clientJson.getParent()))
                .as("the merged file is not one of its inputs")
                .isFalse();
    }

    /* ------------------------------------------------------------ Kubernetes' $(VAR) */

    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    /**
     * A container's env as a pod would have it: INDEX from the annotation, then each value with the earlier ones
     * expanded.
     */
    private static Map<String, String> expandEnv(JsonNode env, String index) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode e : env) {
            if (e.has("valueFrom")) {
                values.put(e.path("name").asText(), index);
            } else {
                values.put(e.path("name").asText(), expand(e.path("value").asText(), values));
            }
        }
        return values;
    }

    private static List<String> expand(List<String> args, Map<String, String> env) {
        return args.stream().map(a -> expand(a, env)).toList();
    }

    private static String expand(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            assertThat(value)
                    .as("$(%s) in '%s' is defined before it is used", m.group(1), text)
                    .isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /* ------------------------------------------------------------ YAML */

    private static List<JsonNode> read(String file) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(DIR.resolve(file).toFile())) {
            return documents.readAll();
        }
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        List<JsonNode> found = documents.stream()
                .filter(d -> d.path("kind").asText().equals(kind))
                .toList();
        assertThat(found).as("one %s", kind).hasSize(1);
        return found.getFirst();
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        list.forEach(n -> named.put(n.path("name").asText(), n));
        return named;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
