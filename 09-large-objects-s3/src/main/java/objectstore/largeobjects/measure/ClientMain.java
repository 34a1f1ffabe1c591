package objectstore.largeobjects.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.nio.file.Path;
import objectstore.connection.Credentials;
import objectstore.connection.Target;
import objectstore.largeobjects.clients.Client;
import objectstore.largeobjects.clients.ClientSettings;
import objectstore.largeobjects.clients.LargeObjectClient;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.util.Causes;

/**
 * The entry point of a client's JVM ({@link ClientJvm} starts it): reads its {@link ClientRun}, takes the store's
 * credentials from its environment, measures the one client, and writes the {@link ClientRun.Answer}. Exit code 0 when
 * it measured (the phases say whether every object was verified), 1 when it could not, with one line on stderr.
 */
public final class ClientMain {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClientMain() {}

    public static void main(String[] args) {
        ClientRun run = null;
        try {
            run = JSON.readValue(Path.of(args[0]).toFile(), ClientRun.class);
            Target target = new Target(
                    URI.create(run.endpoint()),
                    new Credentials(
                            System.getenv("AWS_ACCESS_KEY_ID"),
                            System.getenv("AWS_SECRET_ACCESS_KEY"),
                            System.getenv("AWS_SESSION_TOKEN"),
                            "the chapter's store"),
                    run.region());
            Client client = Client.named(run.client());
            // The objects of each round are removed by a client of their own, opened before the baseline is read.
            try (LiteS3Client admin = LiteS3Client.open(target, LiteSettings.defaults())) {
                System.gc();
                long baseline = ProcessMemory.resident();
                try (LargeObjectClient measured =
                        client.open(new ClientSettings(target, run.partSize(), run.parallel(), run.onS3Proxy()))) {
                    ClientRun.Answer answer =
                            new Measurement(run, client, measured, admin, baseline, System.out).measure();
                    JSON.writeValue(run.results().toFile(), answer);
                }
            }
            System.exit(0);
        } catch (Throwable e) {
            System.err.println((run == null ? "client" : run.client()) + ": " + Causes.describe(e));
            if (Boolean.getBoolean("objectstore.trace")) {
                e.printStackTrace();
            }
            System.exit(1);
        }
    }
}
