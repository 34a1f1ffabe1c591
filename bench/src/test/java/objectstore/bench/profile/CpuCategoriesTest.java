package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The category rules on made-up stacks, written as the profile names frames ("package.Class.method" for Java code,
 * "kernel:symbol" and "library:symbol" for the kernel's and native code), the running frame first. The stacks are cut
 * down from real recordings of the chapters.
 */
class CpuCategoriesTest {

    private static final List<String> LITE_SIGN = List.of(
            "objectstore.lite.SigV4Signer.finish",
            "objectstore.lite.SigV4Signer.sign",
            "objectstore.lite.LiteS3Client.start",
            "objectstore.lite.LiteS3Client.send",
            "objectstore.lite.LiteS3Client.putObject",
            "objectstore.harness.Recorder.putAsync");

    private static final List<String> SDK_SIGN = List.of(
            "software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils.hash",
            "software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils.hashCanonicalRequest",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner.sign",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultAwsV4HttpSigner.sign",
            "software.amazon.awssdk.core.internal.http.pipeline.stages.AsyncSigningStage.execute",
            "software.amazon.awssdk.core.internal.http.AmazonAsyncHttpClient$RequestExecutionBuilderImpl.execute");

    private static final List<String> SHA256 = List.of(
            "sun.security.provider.SHA2.implCompress0",
            "sun.security.provider.SHA2.implCompress",
            "sun.security.provider.DigestBase.engineUpdate",
            "java.security.MessageDigest$Delegate.engineUpdate",
            "java.security.MessageDigest.update");

    @Test
    void aSignersHmacIsSigning() {
        assertThat(CpuCategories.classify(stack(
                        SHA256,
                        List.of("com.sun.crypto.provider.HmacCore.engineDoFinal", "javax.crypto.Mac.doFinal"),
                        LITE_SIGN)))
                .isEqualTo("signing");
    }

    @Test
    void aSignersHashOfItsCanonicalRequestIsSigning() {
        assertThat(CpuCategories.classify(stack(SHA256, LITE_SIGN))).isEqualTo("signing");
        // The SDK hashes through its checksums library: still the signer's work.
        assertThat(CpuCategories.classify(stack(
                        SHA256,
                        List.of(
                                "software.amazon.awssdk.checksums.internal.DigestAlgorithmChecksum.update",
                                "software.amazon.awssdk.checksums.SdkChecksum.update"),
                        SDK_SIGN)))
                .isEqualTo("signing");
        // And returns the digest to a pool: a JDK queue on top, the checksums library, then the signer.
        assertThat(CpuCategories.classify(stack(
                        List.of(
                                "java.util.concurrent.LinkedBlockingDeque.offerFirst",
                                "software.amazon.awssdk.checksums.internal."
                                        + "DigestAlgorithm$CloseableMessageDigest.close"),
                        SDK_SIGN)))
                .isEqualTo("signing");
    }

    @Test
    void theBodysHashIsPayloadHashingEvenWhereASignerComputesIt() {
        assertThat(CpuCategories.classify(stack(
                        SHA256,
                        List.of(
                                "java.security.MessageDigest.digest",
                                "objectstore.lite.SigV4Signer.sha256Hex",
                                "objectstore.lite.LiteS3Client.send",
                                "objectstore.lite.LiteS3Client.putObject"))))
                .isEqualTo("payload hashing");
        assertThat(CpuCategories.classify(stack(
                        SHA256,
                        List.of(
                                "software.amazon.awssdk.checksums.internal.DigestAlgorithmChecksum.update",
                                "software.amazon.awssdk.http.auth.aws.internal.signer.io.ChecksumInputStream.read",
                                "software.amazon.awssdk.http.auth.aws.internal.signer.FlexibleChecksummer.checksum",
                                "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultAwsV4HttpSigner.sign"))))
                .isEqualTo("payload hashing");
        // A client that hashes the body itself (MinIO), or an MD5 for Content-MD5.
        assertThat(CpuCategories.classify(
                        stack(SHA256, List.of("io.minio.Digest.sha256Md5Hashes", "io.minio.S3Base.putObject"))))
                .isEqualTo("payload hashing");
        assertThat(CpuCategories.classify(List.of(
                        "sun.security.provider.MD5.implCompress",
                        "java.security.MessageDigest.digest",
                        "objectstore.lite.LiteS3Client.deleteObjects")))
                .isEqualTo("payload hashing");
    }

    @Test
    void minioHashingItsCanonicalRequestIsSigning() {
        assertThat(CpuCategories.classify(stack(
                        SHA256,
                        List.of(
                                "io.minio.Digest.sha256Hash",
                                "io.minio.Signer.setCanonicalRequest",
                                "io.minio.Signer.signV4S3",
                                "io.minio.S3Base.execute"))))
                .isEqualTo("signing");
    }

    @Test
    void aCrcIsAChecksumEvenInsideASigner() {
        assertThat(CpuCategories.classify(List.of(
                        "java.util.zip.CRC32.updateBytes0",
                        "java.util.zip.CRC32.update",
                        "software.amazon.awssdk.checksums.internal.SdkCrc32Checksum.update",
                        "software.amazon.awssdk.http.auth.aws.internal.signer.FlexibleChecksummer.checksum",
                        "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultAwsV4HttpSigner.sign")))
                .isEqualTo("checksums");
        assertThat(CpuCategories.classify(List.of(
                        "software.amazon.awssdk.crt.checksums.CRC32C.update",
                        "software.amazon.awssdk.services.s3.internal.crt.S3CrtAsyncHttpClient.execute")))
                .isEqualTo("checksums");
    }

    @Test
    void secureRandomsDigestIsItsCallersCost() {
        assertThat(CpuCategories.classify(List.of(
                        "sun.security.provider.SHA.implCompress0",
                        "sun.security.provider.DigestBase.engineDigest",
                        "java.security.MessageDigest.digest",
                        "sun.security.provider.SecureRandom.engineNextBytes",
                        "sun.security.provider.NativePRNG.engineNextBytes",
                        "java.security.SecureRandom.nextBytes",
                        "java.util.UUID.randomUUID",
                        "objectstore.harness.TestObjects.make",
                        "objectstore.harness.Harness.objectsFor")))
                .isEqualTo("harness");
    }

    @Test
    void parsersAndMarshallersAreMarshalling() {
        assertThat(CpuCategories.classify(List.of(
                        "com.sun.org.apache.xerces.internal.impl.XMLEntityScanner.skipString",
                        "javax.xml.stream.XMLStreamReader.next",
                        "objectstore.lite.LiteS3Client.parseListPage")))
                .isEqualTo("marshalling");
        assertThat(CpuCategories.classify(List.of(
                        "java.lang.String.equals",
                        "software.amazon.awssdk.services.s3.transform.PutObjectRequestMarshaller.marshall",
                        "software.amazon.awssdk.core.internal.handler.BaseAsyncClientHandler.doExecute")))
                .isEqualTo("marshalling");
        assertThat(CpuCategories.classify(List.of(
                        "software.amazon.awssdk.protocols.xml.internal.unmarshall.XmlResponseParserUtils.parse",
                        "software.amazon.awssdk.core.internal.http.async.AsyncResponseHandler.onStream")))
                .isEqualTo("marshalling");
    }

    @Test
    void jdkFramesOnTopAreTheCallersCost() {
        assertThat(CpuCategories.classify(List.of(
                        "java.util.HashMap.getNode",
                        "java.util.HashMap.get",
                        "software.amazon.awssdk.core.interceptor.ExecutionAttributes.getAttribute",
                        "software.amazon.awssdk.core.internal.http.pipeline.stages.AsyncSigningStage.execute")))
                .isEqualTo("SDK pipeline");
        assertThat(CpuCategories.classify(List.of(
                        "sun.nio.ch.SocketDispatcher.write0",
                        "sun.nio.ch.IOUtil.write",
                        "io.netty.channel.socket.nio.NioSocketChannel.doWrite",
                        "io.netty.channel.nio.NioEventLoop.run")))
                .isEqualTo("Netty channels and buffers");
        // The harness comparing what it got with what it put.
        assertThat(CpuCategories.classify(List.of(
                        "jdk.internal.util.ArraysSupport.vectorizedMismatch",
                        "java.util.Arrays.equals",
                        "objectstore.harness.TestObject.matches",
                        "objectstore.harness.Recorder.check")))
                .isEqualTo("harness");
    }

    @Test
    void theSdksHttpClientsAreHttpButItsAuthIsSigning() {
        assertThat(CpuCategories.classify(List.of(
                        "software.amazon.awssdk.http.nio.netty.internal.ResponseHandler.channelRead0",
                        "io.netty.channel.SimpleChannelInboundHandler.channelRead")))
                .isEqualTo("HTTP client");
        assertThat(CpuCategories.classify(List.of(
                        "org.apache.http.pool.AbstractConnPool.getPoolEntryBlocking",
                        "software.amazon.awssdk.http.apache.ApacheHttpClient.execute")))
                .isEqualTo("HTTP client");
        assertThat(CpuCategories.classify(List.of(
                        "software.amazon.awssdk.http.auth.spi.internal.scheme.DefaultAuthSchemeOption.<init>",
                        "software.amazon.awssdk.services.s3.DefaultS3AsyncClient.resolveAuthSchemeOptions")))
                .isEqualTo("signing");
    }

    @Test
    void redisClientsAndTheNettyUnderLettuce() {
        assertThat(CpuCategories.classify(List.of(
                        "io.lettuce.core.protocol.RedisStateMachine.decode",
                        "io.lettuce.core.protocol.CommandHandler.channelRead",
                        "io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead")))
                .isEqualTo("Redis client");
        assertThat(CpuCategories.classify(List.of(
                        "io.netty.buffer.AbstractByteBuf.writeBytes",
                        "io.lettuce.core.protocol.CommandEncoder.encode")))
                .isEqualTo("Netty channels and buffers");
        assertThat(CpuCategories.classify(List.of(
                        "sun.nio.ch.NioSocketImpl.read",
                        "java.net.Socket$SocketInputStream.read",
                        "redis.clients.jedis.util.RedisInputStream.ensureFill",
                        "objectstore.blockingredis.BlockingRedisPutGet.get")))
                .isEqualTo("Redis client");
    }

    @Test
    void theProjectsClientsAndTheLoopsAroundThem() {
        assertThat(CpuCategories.classify(List.of(
                        "java.lang.StringBuilder.append",
                        "objectstore.lite.LiteS3Client.objectUri",
                        "objectstore.lite.LiteS3Client.putObject",
                        "objectstore.sdkasync.SdkAsyncS3PutGet.lambda$put$0")))
                .isEqualTo("project's client");
        assertThat(CpuCategories.classify(List.of(
                        "objectstore.redis.RedisObjectStore.put",
                        "io.lettuce.core.AbstractRedisAsyncCommands.evalsha")))
                .isEqualTo("project's client");
        assertThat(CpuCategories.classify(List.of(
                        "objectstore.threadpool.ThreadPoolS3PutGet.lambda$submitAll$1",
                        "java.util.concurrent.FutureTask.run")))
                .isEqualTo("harness");
        assertThat(CpuCategories.classify(
                        List.of("org.HdrHistogram.AbstractHistogram.recordValue", "objectstore.harness.Recorder.done")))
                .isEqualTo("harness");
    }

    @Test
    void theLiteClientsWireWorkIsCodecClientOrNetty() {
        // Netty's HTTP codec writing a PUT's headers, on the event loop.
        assertThat(CpuCategories.classify(List.of(
                        "io.netty.buffer.ByteBufUtil.writeAscii",
                        "io.netty.handler.codec.http.HttpHeadersEncoder.encoderHeader",
                        "io.netty.handler.codec.http.HttpObjectEncoder.encode",
                        "io.netty.handler.codec.MessageToMessageEncoder.write",
                        "io.netty.channel.AbstractChannelHandlerContext.invokeWrite0",
                        "io.netty.channel.nio.NioEventLoop.run")))
                .isEqualTo("HTTP encode and decode");
        // AHC building the Netty request from ours.
        assertThat(CpuCategories.classify(List.of(
                        "io.netty.handler.codec.http.DefaultHttpHeaders.add",
                        "org.asynchttpclient.netty.request.NettyRequestFactory.newNettyRequest",
                        "org.asynchttpclient.netty.request.NettyRequestSender.sendRequest",
                        "objectstore.lite.Transport.start")))
                .isEqualTo("HTTP encode and decode");
        // AHC's pool and futures: the HTTP client.
        assertThat(CpuCategories.classify(List.of(
                        "java.util.concurrent.ConcurrentLinkedDeque.pollFirst",
                        "org.asynchttpclient.netty.channel.DefaultChannelPool.poll",
                        "org.asynchttpclient.netty.request.NettyRequestSender.pollPooledChannel")))
                .isEqualTo("HTTP client");
        // The event loop itself, and native code under it: Netty.
        assertThat(CpuCategories.classify(List.of(
                        "libnetty_transport_native_epoll_x86_64.so:netty_epoll_native_epollWait",
                        "io.netty.channel.epoll.Native.epollWait",
                        "io.netty.channel.epoll.EpollEventLoop.run")))
                .isEqualTo("Netty channels and buffers");
    }

    @Test
    void timeInTheKernelIsTheKernelsNamedByItsSystemCall() {
        List<String> writev = List.of(
                "kernel:tcp_sendmsg_locked",
                "kernel:tcp_sendmsg",
                "kernel:sock_write_iter",
                "kernel:do_writev",
                "kernel:__x64_sys_writev",
                "kernel:do_syscall_64",
                "kernel:entry_SYSCALL_64_after_hwframe",
                "libc.so.6:__writev",
                "io.netty.channel.unix.FileDescriptor.writevAddresses",
                "io.netty.channel.epoll.AbstractEpollStreamChannel.doWrite");
        assertThat(CpuCategories.decide("lite-s3-5-1", writev))
                .isEqualTo(new CpuCategories.Decision("kernel", "kernel:__x64_sys_writev"));
        // An interrupt taken in Java code: the kernel's, named by its entry.
        assertThat(CpuCategories.decide(
                        "main",
                        List.of(
                                "kernel:__do_softirq",
                                "kernel:asm_sysvec_apic_timer_interrupt",
                                "objectstore.harness.TestObject.matches")))
                .isEqualTo(new CpuCategories.Decision("kernel", "kernel:asm_sysvec_apic_timer_interrupt"));
        // Native code that is not the kernel passes the sample on to its Java caller.
        assertThat(CpuCategories.classify(List.of(
                        "libc.so.6:__memmove_avx_unaligned_erms",
                        "libjvm.so:Copy::conjoint_jbytes",
                        "objectstore.lite.SigV4Signer.sha256Hex")))
                .isEqualTo("payload hashing");
    }

    @Test
    void theJvmsOwnThreadsAreGcJitOrJvmWhateverTheirStack() {
        List<String> kernel = List.of("kernel:clear_page_erms", "libjvm.so:G1ParScanThreadState::trim_queue");
        assertThat(CpuCategories.classify("GC Thread#0", kernel)).isEqualTo("GC");
        assertThat(CpuCategories.classify("G1 Conc#0", List.of("libjvm.so:G1ConcurrentMark::mark_from_roots")))
                .isEqualTo("GC");
        assertThat(CpuCategories.classify("C2 CompilerThre", List.of("libjvm.so:PhaseChaitin::Register_Allocate")))
                .isEqualTo("JIT");
        assertThat(CpuCategories.classify("C1 CompilerThre", List.of())).isEqualTo("JIT");
        assertThat(CpuCategories.classify("VM Thread", List.of("libjvm.so:SafepointSynchronize::begin")))
                .isEqualTo("JVM");
        assertThat(CpuCategories.classify("Async-profiler Timer", List.of())).isEqualTo("JVM");
        // A thread of the application's is judged by its stack, whatever its name.
        assertThat(CpuCategories.classify("lite-s3-5-1", List.of("io.netty.channel.epoll.EpollEventLoop.run")))
                .isEqualTo("Netty channels and buffers");
    }

    @Test
    void aFrameAloneHasTheCategoryItsRuleNames() {
        assertThat(CpuCategories.ofFrame("kernel:tcp_sendmsg")).isEqualTo("kernel");
        assertThat(CpuCategories.ofFrame("objectstore.lite.SigV4Signer.sign")).isEqualTo("signing");
        assertThat(CpuCategories.ofFrame("io.netty.handler.codec.http.HttpObjectDecoder.decode"))
                .isEqualTo("HTTP encode and decode");
        assertThat(CpuCategories.ofFrame("java.util.HashMap.get")).isEqualTo("JDK");
        assertThat(CpuCategories.ofFrame("libc.so.6:__GI_write")).isNull();
    }

    @Test
    void aStackNoRuleNamesIsTheJdksOrOther() {
        assertThat(CpuCategories.classify(List.of(
                        "java.util.concurrent.LinkedBlockingQueue.poll",
                        "java.util.concurrent.ThreadPoolExecutor.getTask",
                        "java.lang.Thread.run")))
                .isEqualTo("JDK");
        assertThat(CpuCategories.classify(
                        List.of("ch.qos.logback.core.encoder.LayoutWrappingEncoder.encode", "java.lang.Thread.run")))
                .isEqualTo("other");
        assertThat(CpuCategories.classify(List.of())).isEqualTo("other");
    }

    @Test
    void theDecidingFrameIsTheOneARuleMatched() {
        assertThat(CpuCategories.decide("main", stack(SHA256, LITE_SIGN)))
                .isEqualTo(new CpuCategories.Decision("signing", "objectstore.lite.SigV4Signer.finish"));
        assertThat(CpuCategories.decide("main", List.of("java.lang.Thread.run")).frame())
                .isNull();
    }

    @Test
    void everyCategoryIsDescribedAndTheRulesNameCodeThatExists() throws Exception {
        List<Map<String, Object>> rules = CpuCategories.describe();
        assertThat(rules.stream().map(r -> r.get("category")).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(CpuCategories.ALL);
        // A rename in the clients would make a rule silently miss: the named methods and classes must exist.
        assertThatCode(() -> objectstore.lite.SigV4Signer.class.getMethod("sha256Hex", byte[].class))
                .doesNotThrowAnyException();
        Class.forName("software.amazon.awssdk.http.auth.aws.internal.signer.FlexibleChecksummer");
        Class.forName("software.amazon.awssdk.http.auth.aws.internal.signer.io.ChecksumInputStream");
        Class.forName("software.amazon.awssdk.checksums.internal.DigestAlgorithmChecksum");
        Class.forName("io.minio.Signer");
        Class.forName("io.minio.Digest");
    }

    @SafeVarargs
    private static List<String> stack(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
