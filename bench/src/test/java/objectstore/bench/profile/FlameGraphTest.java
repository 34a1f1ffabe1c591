package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flame graph of collapsed stacks: a box per frame as wide as its samples, coloured by category. */
class FlameGraphTest {

    private static final Map<String, Long> STACKS = Map.of(
            "lite-s3-N-N;io.netty.channel.epoll.EpollEventLoop.run;io.netty.channel.unix.FileDescriptor.writev;"
                    + "kernel:__x64_sys_writev",
            300L,
            "lite-s3-N-N;io.netty.channel.epoll.EpollEventLoop.run;"
                    + "io.netty.handler.codec.http.HttpObjectEncoder.encode",
            100L,
            "main;objectstore.harness.Harness.runPhase;objectstore.lite.SigV4Signer.sign",
            99_600L);

    @Test
    void eachFrameIsABoxAsWideAsItsSamplesColouredByItsCategory() {
        String svg = FlameGraph.svg("05-lite-http-s3, put_object (window): <samples>", STACKS);

        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .endsWith("</svg>\n")
                .contains("05-lite-http-s3, put_object (window): &lt;samples&gt;")
                // The root holds every sample; the signer most of them, in the signing colour.
                .contains("<title>all (100,000 samples, 100.00%)</title>")
                .contains("<title>objectstore.lite.SigV4Signer.sign (99,600 samples, 99.60%)</title>")
                .contains("fill=\"" + FlameGraph.COLOURS.get("signing") + "\"")
                // The kernel's write is wide enough to draw (0.3% of the samples), in the kernel's colour.
                .contains("<title>kernel:__x64_sys_writev (300 samples, 0.30%)</title>")
                .contains("fill=\"" + FlameGraph.COLOURS.get("kernel") + "\"")
                // The encoder's 0.1% is at the threshold, and drawn; the legend names what is drawn.
                .contains("<title>io.netty.handler.codec.http.HttpObjectEncoder.encode (100 samples, 0.10%)</title>")
                .contains(">kernel</text>")
                .contains(">signing</text>")
                .doesNotContain(">checksums</text>");
        assertThat(FlameGraph.svg("t", STACKS)).isEqualTo(FlameGraph.svg("t", STACKS)); // the same picture every time
    }

    @Test
    void aFrameNarrowerThanTheThresholdIsLeftOut() {
        String svg = FlameGraph.svg("t", Map.of("main;a.B.c", 10_000L, "main;a.B.d", 9L));
        assertThat(svg).contains("<title>a.B.c ").doesNotContain("<title>a.B.d ");
    }

    @Test
    void aBoxShowsTheShortNameCutToItsWidth() {
        assertThat(FlameGraph.shortName("io.netty.channel.epoll.EpollEventLoop.run"))
                .isEqualTo("EpollEventLoop.run");
        assertThat(FlameGraph.shortName("objectstore.sdkasync.SdkAsyncS3PutGet$$Lambda.0x000000008b24af90.get"))
                .isEqualTo("SdkAsyncS3PutGet$$Lambda.get");
        assertThat(FlameGraph.shortName("kernel:tcp_sendmsg")).isEqualTo("kernel:tcp_sendmsg");
        assertThat(FlameGraph.label("io.netty.channel.epoll.EpollEventLoop.run", 1000))
                .isEqualTo("EpollEventLoop.run");
        assertThat(FlameGraph.label("io.netty.channel.epoll.EpollEventLoop.run", 60))
                .isEqualTo("EpollE..");
        assertThat(FlameGraph.label("io.netty.channel.epoll.EpollEventLoop.run", 10))
                .isEmpty();
    }

    @Test
    void aPoolsThreadsAreOneRoot() {
        assertThat(CpuProfile.collapsed("lite-s3-5-1", List.of("b.C.top", "a.B.bottom")))
                .isEqualTo("lite-s3-N-N;a.B.bottom;b.C.top");
        assertThat(CpuProfile.collapsed("GC Thread#3", List.of())).isEqualTo("GC Thread#N");
    }
}
