package wildrydes.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the access keys a server accepts, in either of two formats (the first line that is
 * neither blank nor a comment tells which):
 *
 * <pre>
 * # one key per line: access-key-id secret-access-key account-id [session-token]
 * AKIDALICE0000000001 c2VjcmV0LWFsaWNl 111111111111
 * AKIDBOB000000000001 c2VjcmV0LWJvYg 222222222222 FwoGZXIvYXdzE...
 * </pre>
 *
 * or the AWS credentials-file format, one profile per key, with the account in {@code aws_account_id}:
 *
 * <pre>
 * [alice]
 * aws_access_key_id = AKIDALICE0000000001
 * aws_secret_access_key = c2VjcmV0LWFsaWNl
 * aws_account_id = 111111111111
 * aws_session_token = FwoGZXIvYXdzE...   ; optional
 * </pre>
 *
 * Comments start with {@code #} (and {@code ;} in the profile format). In the line format,
 * entries may also be separated by commas, so that the whole set fits in one environment variable.
 */
public final class CredentialsFile {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.+=@-]{1,128}");

    private CredentialsFile() {
    }

    /** A file or text that cannot be used, with a message that says where and what to do. */
    public static final class Problem extends IllegalArgumentException {
        Problem(String message) {
            super(message);
        }
    }

    public static Credentials read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Problem("cannot read the credentials file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** @param source how to name the text in messages: a file name, or an environment variable */
    public static Credentials parse(String text, String source) {
        List<String> lines = text.lines().toList();
        boolean profiles = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith(";"))
                .findFirst().map(l -> l.startsWith("[")).orElse(false);
        List<AccessKey> keys = profiles ? profiles(lines, source) : keyLines(lines, source);
        if (keys.isEmpty()) {
            throw new Problem(source + " holds no access key: write one per line as "
                    + "'access-key-id secret-access-key account-id [session-token]'.");
        }
        try {
            return Credentials.of(keys);
        } catch (IllegalArgumentException e) {
            throw new Problem(source + ": " + e.getMessage() + "; give every access key once.");
        }
    }

    private static List<AccessKey> keyLines(List<String> lines, String source) {
        List<AccessKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String entry : line.split(",")) {
                String[] fields = entry.strip().split("\\s+");
                String where = source + " line " + (i + 1);
                if (fields.length < 3 || fields.length > 4 || fields[0].isEmpty()) {
                    throw new Problem(where + ": expected 'access-key-id secret-access-key account-id [session-token]', found "
                            + fields.length + " field(s).");
                }
                keys.add(key(where, fields[0], fields[1], fields[2], fields.length == 4 ? fields[3] : null));
            }
        }
        return keys;
    }

    private static List<AccessKey> profiles(List<String> lines, String source) {
        List<AccessKey> keys = new ArrayList<>();
        String profile = null;
        int profileLine = 0;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new Problem(source + " line " + (i + 1) + ": a profile header looks like [name].");
                }
                if (profile != null) {
                    keys.add(profileKey(source, profile, profileLine, values));
                }
                profile = line.substring(1, line.length() - 1).strip().replaceFirst("^profile\\s+", "");
                profileLine = i + 1;
                values.clear();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || profile == null) {
                throw new Problem(source + " line " + (i + 1) + ": expected 'name = value' inside a [profile].");
            }
            values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), stripComment(line.substring(eq + 1)));
        }
        if (profile != null) {
            keys.add(profileKey(source, profile, profileLine, values));
        }
        return keys;
    }

    private static String stripComment(String value) {
        String v = value.strip();
        for (String mark : new String[] {" #", " ;", "\t#", "\t;"}) {
            int at = v.indexOf(mark);
            if (at >= 0) {
                v = v.substring(0, at).strip();
            }
        }
        return v;
    }

    private static AccessKey profileKey(String source, String profile, int line, Map<String, String> values) {
        String where = source + " profile [" + profile + "] (line " + line + ")";
        String id = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        String account = values.get("aws_account_id");
        String token = values.getOrDefault("aws_session_token", values.get("aws_security_token"));
        for (String[] required : new String[][] {{"aws_access_key_id", id}, {"aws_secret_access_key", secret},
            {"aws_account_id", account}}) {
            if (required[1] == null || required[1].isEmpty()) {
                throw new Problem(where + " has no " + required[0] + ": add '" + required[0] + " = ...'"
                        + (required[0].equals("aws_account_id") ? " (12 digits: the account this key's streams belong to)." : "."));
            }
        }
        return key(where, id, secret, account, token == null || token.isEmpty() ? null : token);
    }

    private static AccessKey key(String where, String id, String secret, String account, String token) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new Problem(where + ": access key id '" + id + "' may only hold letters, digits and _.+=@- (at most 128).");
        }
        if (!ACCOUNT_ID.matcher(account).matches()) {
            throw new Problem(where + ": account id '" + account + "' of key " + id + " must be 12 digits, like 111122223333.");
        }
        return new AccessKey(id, secret, account, token);
    }
}
