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
     * them (tags it has under other keys), in AWS's order: characters, then {@code %}, then the count.
     */
    public static void check(String resourceName, Map<String, String> tags, int existingOthers, String accountId) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!validText(tag.getKey()) || (tag.getValue() != null && !validText(tag.getValue()))) {
                throw invalidCharacters();
            }
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().indexOf('%') >= 0 || (tag.getValue() != null && tag.getValue().indexOf('%') >= 0)) {
                throw illegalCharacters("add tags to", resourceName, accountId);
            }
            if (tag.getKey().startsWith("aws:")) {
                throw KinesisException.invalidArgument("Some tags start with 'aws:', which is reserved for AWS use.");
            }
        }
        if (existingOthers + tags.size() > MAX_TAGS) {
            // AWS's recorded words, written when the limit was 10; the limit itself is 50
            throw KinesisException.invalidArgument("Failed to add tags to stream " + resourceName + " under account "
                    + accountId + " because a given stream cannot have more than 10 tags associated with it.");
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

    /** Checks the keys of tags about to be removed from a stream. */
    public static void checkKeys(String streamName, List<String> keys, String accountId) {
        for (String key : keys) {
            if (!validText(key)) {
                throw invalidCharacters();
            }
        }
        for (String key : keys) {
            if (key.indexOf('%') >= 0) {
                throw illegalCharacters("remove tags from", streamName, accountId);
            }
        }
    }

    private static KinesisException invalidCharacters() {
        return KinesisException.invalidArgument("Some tags contain invalid characters. Valid characters: "
                + "Unicode letters, digits, white space, _ . / = + - % @.");
    }

    /** AWS lists {@code %} as valid in the first check and refuses it in this second one, in these words. */
    private static KinesisException illegalCharacters(String action, String streamName, String accountId) {
        return KinesisException.invalidArgument("Failed to " + action + " stream " + streamName + " under account " + accountId
                + " because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, "
                + "'_',',','/','=','+','-','@'.");
    }

    /**
     * Letters, digits, white space and {@code _ . / = + - % @}, as AWS's recorded check; and {@code :},
     * which AWS's tagging accepts today (CloudFormation's {@code aws:cloudformation:...} tags, keys like
     * {@code team:owner}) though the old recordings refused it.
     */
    private static boolean validText(String text) {
        return text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
                || "_./=+-%@:".indexOf(c) >= 0);
    }
}
