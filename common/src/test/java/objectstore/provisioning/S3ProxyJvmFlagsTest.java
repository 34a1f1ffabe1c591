package objectstore.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S3PROXY_JVM_FLAGS replaces the embedded S3Proxy's JVM flags; unset, the chosen ones stay. */
class S3ProxyJvmFlagsTest {

    @Test
    void unsetKeepsTheChosenFlagsEmptyMeansNoneAndSpacesSeparate() {
        assertThat(EmbeddedS3Proxy.jvmFlags(null)).containsExactly("-Xmx2g", "-XX:+UseParallelGC");
        assertThat(EmbeddedS3Proxy.jvmFlags("")).isEmpty();
        assertThat(EmbeddedS3Proxy.jvmFlags("  ")).isEmpty();
        assertThat(EmbeddedS3Proxy.jvmFlags(" -Xmx1g   -XX:+UseSerialGC "))
                .containsExactly("-Xmx1g", "-XX:+UseSerialGC");
    }
}
