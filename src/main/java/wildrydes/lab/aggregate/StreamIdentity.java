package wildrydes.lab.aggregate;

/**
 * Which stream a state belongs to: a stream deleted and created again under the same name is
 * another stream (its sequence numbers start over), and so is one of another server or account.
 *
 * @param createdMillis the StreamCreationTimestamp, in epoch milliseconds
 */
record StreamIdentity(String name, String arn, long createdMillis) {
    boolean sameStream(StreamIdentity other) {
        return other != null && arn.equals(other.arn) && createdMillis == other.createdMillis;
    }

    String encode() {
        return name + " " + arn + " " + createdMillis;
    }

    static StreamIdentity decode(String text) {
        String[] words = text.trim().split(" +");
        if (words.length != 3) {
            throw new IllegalArgumentException("expected NAME ARN CREATED");
        }
        return new StreamIdentity(words[0], words[1], Long.parseLong(words[2]));
    }
}
