package objectstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the common module, checked on its compiled classes (tests excluded):
 *
 * <pre>
 *   tools                       the lite command line, the server-ceiling tool
 *   harness                     options, phases, recorder, results: what every chapter runs in
 *   provisioning                finding or starting a store; a run's bucket, made and removed
 *   clients                     the client an endpoint's scheme names: StoreClients
 *   lite · redis · sdk          the clients, behind the ObjectStore API, none knowing another
 *   store · connection · util   the API, connection values, small helpers
 * </pre>
 *
 * Each layer may use the ones below it, never one above; no two packages depend on each other in a circle. The chapters
 * and the docs module sit on top of all of this.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("objectstore");
    }

    @Test
    void noPackageCycles() {
        slices().matching("objectstore.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("tools")
                .definedBy("objectstore.tools..")
                .layer("harness")
                .definedBy("objectstore.harness..")
                .layer("provisioning")
                .definedBy("objectstore.provisioning..")
                .layer("dispatch")
                .definedBy("objectstore.clients..")
                .layer("clients")
                .definedBy("objectstore.lite..", "objectstore.redis..", "objectstore.sdk..")
                .layer("foundation")
                .definedBy("objectstore.store..", "objectstore.connection..", "objectstore.util..")
                .whereLayer("tools")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("harness")
                .mayOnlyBeAccessedByLayers("tools")
                .whereLayer("provisioning")
                .mayOnlyBeAccessedByLayers("harness", "tools")
                .whereLayer("dispatch")
                .mayOnlyBeAccessedByLayers("provisioning", "harness", "tools")
                .whereLayer("clients")
                .mayOnlyBeAccessedByLayers("dispatch", "provisioning", "harness", "tools")
                .check(classes);
    }

    /** The lite client can be lifted out with the API alone: no harness, no store provisioning, no SDK, no Redis. */
    @Test
    void theLiteClientNeedsOnlyTheApiAndItsLibraries() {
        noClasses()
                .that()
                .resideInAPackage("objectstore.lite..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "objectstore.harness..",
                        "objectstore.provisioning..",
                        "objectstore.tools..",
                        "objectstore.clients..",
                        "objectstore.sdk..",
                        "software.amazon.awssdk..",
                        "objectstore.redis..",
                        "io.lettuce..")
                .check(classes);
    }

    /** The clients do not know each other: StoreClients, above them, picks one for an endpoint. */
    @Test
    void clientsAreIndependent() {
        noClasses()
                .that()
                .resideInAPackage("objectstore.lite..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("objectstore.redis..", "objectstore.sdk..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("objectstore.redis..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("objectstore.lite..", "objectstore.sdk..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("objectstore.sdk..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("objectstore.lite..", "objectstore.redis..")
                .check(classes);
    }
}
