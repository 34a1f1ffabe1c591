package objectstore.lite;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import objectstore.store.DeleteError;
import objectstore.store.ETags;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStoreException;

/**
 * The XML S3 speaks: the DeleteObjects and CompleteMultipartUpload requests the client writes, and the answers it reads
 * (ListObjectsV2, ListBuckets, the DeleteObjects result, the multipart upload's answers, an Error body).
 */
final class S3Xml {

    private static final XMLInputFactory FACTORY = factory();

    private S3Xml() {}

    /*
     * S3 answers in small XML documents, all of one shape: a few leaf elements at the top, and a
     * repeated element (Contents, Error) whose leaves make one record. walk() reads a document once with
     * the JDK's StAX reader (coalescing, DTDs and external entities off; entities such as &amp; and &#13;
     * decoded, so keys come back exactly as stored), hands each record's leaves to a callback, and returns
     * the leaves found outside any record.
     */
    private static Map<String, String> walk(byte[] xml, String record, Consumer<Map<String, String>> onRecord)
            throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
        Map<String, String> top = new HashMap<>();
        Map<String, String> current = top;
        StringBuilder text = new StringBuilder();
        boolean leaf = false;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (reader.getLocalName().equals(record)) {
                        current = new HashMap<>();
                    }
                    text.setLength(0);
                    leaf = true;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    String name = reader.getLocalName();
                    if (name.equals(record)) {
                        onRecord.accept(current);
                        current = top;
                    } else if (leaf) {
                        current.put(name, text.toString());
                    }
                    leaf = false;
                }
                default -> {}
            }
        }
        return top;
    }

    /** A ListObjectsV2 answer: one ObjectInfo per Contents, and the next token when the listing is truncated. */
    static ListPage listPage(byte[] xml) {
        List<ObjectInfo> objects = new ArrayList<>();
        try {
            Map<String, String> top = walk(xml, "Contents", contents -> {
                String size = contents.get("Size");
                String lastModified = contents.get("LastModified");
                objects.add(new ObjectInfo(
                        contents.get("Key"),
                        size == null ? 0 : Long.parseLong(size.trim()),
                        ETags.unquote(contents.get("ETag")),
                        lastModified == null ? null : Instant.parse(lastModified.trim())));
            });
            String next = top.get("NextContinuationToken");
            boolean truncated =
                    Boolean.parseBoolean(String.valueOf(top.get("IsTruncated")).trim());
            return new ListPage(objects, truncated && next != null && !next.isEmpty() ? next : null);
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException(
                    "MalformedListResponse", 200, "could not read the ListObjectsV2 answer: " + e.getMessage(), null);
        }
    }

    /** A ListBuckets answer: the name of every bucket, in the answer's order (S3's is by name). */
    static List<String> bucketNames(byte[] xml) {
        List<String> names = new ArrayList<>();
        try {
            walk(xml, "Bucket", bucket -> names.add(bucket.get("Name")));
            return names;
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException(
                    "MalformedListResponse", 200, "could not read the ListBuckets answer: " + e.getMessage(), null);
        }
    }

    /** A DeleteObjects answer: the keys that could not be deleted (Quiet mode lists only those). */
    static List<DeleteError> deleteErrors(byte[] xml) {
        List<DeleteError> errors = new ArrayList<>();
        try {
            walk(
                    xml,
                    "Error",
                    error -> errors.add(new DeleteError(error.get("Key"), error.get("Code"), error.get("Message"))));
            return errors;
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException(
                    "MalformedDeleteResponse", 200, "could not read the DeleteObjects answer: " + e.getMessage(), null);
        }
    }

    /** The UploadId of a CreateMultipartUpload answer. */
    static String uploadId(byte[] xml) {
        try {
            String id = walk(xml, null, ignored -> {}).get("UploadId");
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("no UploadId in it");
            }
            return id;
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException(
                    "MalformedResponse",
                    200,
                    "could not read the CreateMultipartUpload answer: " + e.getMessage(),
                    null);
        }
    }

    /**
     * A ListMultipartUploads answer: one upload per {@code <Upload>}, and the markers to ask for the next page with
     * (both null when this page is the last).
     */
    static MultipartUploadPage multipartUploads(byte[] xml) {
        List<MultipartUploadInfo> uploads = new ArrayList<>();
        try {
            Map<String, String> top = walk(xml, "Upload", upload -> {
                String initiated = upload.get("Initiated");
                uploads.add(new MultipartUploadInfo(
                        upload.get("Key"),
                        upload.get("UploadId"),
                        initiated == null || initiated.isBlank() ? null : Instant.parse(initiated.strip())));
            });
            boolean truncated =
                    Boolean.parseBoolean(String.valueOf(top.get("IsTruncated")).trim());
            String keyMarker = top.get("NextKeyMarker");
            return truncated && keyMarker != null && !keyMarker.isEmpty()
                    ? new MultipartUploadPage(uploads, keyMarker, top.get("NextUploadIdMarker"))
                    : new MultipartUploadPage(uploads, null, null);
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException(
                    "MalformedListResponse",
                    200,
                    "could not read the ListMultipartUploads answer: " + e.getMessage(),
                    null);
        }
    }

    /** One page of ListMultipartUploads, and where the next begins (null markers: none). */
    record MultipartUploadPage(List<MultipartUploadInfo> uploads, String nextKeyMarker, String nextUploadIdMarker) {}

    /**
     * The body of CompleteMultipartUpload: each part's number and ETag (its MD5, quoted) and, with a checksum, its
     * value.
     */
    static byte[] completeRequest(byte[][] md5s, long[] checksums, ChecksumAlgorithm algorithm) {
        StringBuilder xml = new StringBuilder(128 + md5s.length * (algorithm == null ? 80 : 130));
        xml.append("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < md5s.length; i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>&quot;");
            xml.append(HexFormat.of().formatHex(md5s[i])).append("&quot;</ETag>");
            if (algorithm != null) {
                xml.append('<').append(algorithm.element()).append('>');
                xml.append(algorithm.encode(checksums[i]));
                xml.append("</").append(algorithm.element()).append('>');
            }
            xml.append("</Part>");
        }
        return xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The leaves of a CompleteMultipartUpload answer: ETag and the checksum elements, or Code and Message when the
     * answer is an error (S3 may send one after a 200, once the parts are joined).
     */
    static Map<String, String> completeResult(byte[] xml) {
        try {
            return walk(xml, null, ignored -> {});
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStoreException(
                    "MalformedResponse",
                    200,
                    "could not read the CompleteMultipartUpload answer: " + e.getMessage(),
                    null);
        }
    }

    /** Code, Message and RequestId of an {@code <Error>} body (absent ones null); null when the body is not XML. */
    static Map<String, String> error(byte[] xml) {
        try {
            return walk(xml, null, ignored -> {});
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
    }

    /** The body of POST /bucket?delete: the keys, XML-escaped, in Quiet mode so that only failures come back. */
    static byte[] deleteRequest(List<String> keys) {
        StringBuilder xml = new StringBuilder(64 + keys.size() * 48);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>");
        for (String key : keys) {
            xml.append("<Object><Key>");
            appendEscaped(key, xml);
            xml.append("</Key></Object>");
        }
        return xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body of CreateBucket outside us-east-1: the bucket's region. */
    static byte[] createBucketRequest(String region) {
        return ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                        + region + "</LocationConstraint></CreateBucketConfiguration>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes the five XML characters, and CR, LF and tab so that they survive the parser's normalization. */
    private static void appendEscaped(String text, StringBuilder xml) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                case '\r' -> xml.append("&#13;");
                case '\n' -> xml.append("&#10;");
                case '\t' -> xml.append("&#9;");
                default -> xml.append(c);
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
