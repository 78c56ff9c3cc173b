package wildrydes.stream;

import java.util.List;
import java.util.Map;
import wildrydes.errors.KinesisException;

/** What a tag may be, and how many a resource (a stream or a stream consumer) may have, in AWS's words. */
public final class TagRules {
    public static final int MAX_TAGS = 50;

    private TagRules() {
    }

    /**
     * Checks tags about to be added to a resource that keeps {@code existingOthers} tags besides
     * them (tags it has under other keys).
     */
    public static void check(String resourceName, Map<String, String> tags, int existingOthers, String accountId) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!validText(tag.getKey()) || (tag.getValue() != null && !validText(tag.getValue()))) {
                throw invalidCharacters();
            }
            if (tag.getKey().startsWith("aws:")) {
                throw KinesisException.invalidArgument("Some tags start with 'aws:', which is reserved for AWS use.");
            }
        }
        if (existingOthers + tags.size() > MAX_TAGS) {
            throw KinesisException.limitExceeded("Failed to add tags to stream " + resourceName + " under account "
                    + accountId + " because a given stream cannot have more than " + MAX_TAGS + " tags.");
        }
    }

    /** Checks tags about to be added to a resource that has {@code current}: the new total is what counts. */
    public static void checkAdding(String resourceName, Map<String, String> current, Map<String, String> tags, String accountId) {
        int added = 0;
        for (String key : tags.keySet()) {
            added += current.containsKey(key) ? 0 : 1;
        }
        check(resourceName, tags, current.size() + added - tags.size(), accountId);
    }

    /** Checks the keys of tags about to be removed. */
    public static void checkKeys(List<String> keys) {
        for (String key : keys) {
            if (!validText(key)) {
                throw invalidCharacters();
            }
        }
    }

    private static KinesisException invalidCharacters() {
        return KinesisException.invalidArgument("Some tags contain invalid characters. Valid characters: "
                + "Unicode letters, digits, white space, _ . / = + - % @.");
    }

    private static boolean validText(String text) {
        return text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
                || "_./=+-%@:".indexOf(c) >= 0);
    }
}
