package wildrydes.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpRequest;

/** A request as the verifier sees it, made by hand or from what the SDK's signer signed. */
record TestRequest(String method, String uri, Map<String, List<String>> headerMap, byte[] body, boolean overTls)
        implements SignedRequest {

    static TestRequest of(SdkHttpRequest signed, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        String uri = signed.encodedPath().isEmpty() ? "/" : signed.encodedPath();
        String query = signed.encodedQueryParameters().orElse(null);
        return new TestRequest(signed.method().name(), query == null ? uri : uri + "?" + query, headers,
                body == null ? new byte[0] : body, false);
    }

    static TestRequest of(String method, String uri, String body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new TestRequest(method, uri, map, body.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public List<String> headers(String name) {
        return headerMap.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public String payloadSha256() {
        return SigningMath.sha256Hex(body);
    }

    TestRequest withHeader(String name, String... values) {
        Map<String, List<String>> map = new LinkedHashMap<>(headerMap);
        map.put(name.toLowerCase(Locale.ROOT), List.of(values));
        return new TestRequest(method, uri, map, body, overTls);
    }

    TestRequest withoutHeader(String name) {
        Map<String, List<String>> map = new LinkedHashMap<>(headerMap);
        map.remove(name.toLowerCase(Locale.ROOT));
        return new TestRequest(method, uri, map, body, overTls);
    }

    TestRequest withUri(String newUri) {
        return new TestRequest(method, newUri, headerMap, body, overTls);
    }

    TestRequest withBody(String newBody) {
        return new TestRequest(method, uri, headerMap, newBody.getBytes(StandardCharsets.UTF_8), overTls);
    }

    TestRequest overTls(boolean tls) {
        return new TestRequest(method, uri, headerMap, body, tls);
    }
}
