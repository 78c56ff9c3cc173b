package wildrydes.protocol;

/**
 * A named member of a structure shape.
 *
 * @param unlessPresent for a member that may be left out only when another names the same
 *                      thing (StreamName, when StreamARN is given), that other member's name; else null
 */
public record Member(String name, Shape shape, boolean required, String unlessPresent) {

    public static Member optional(String name, Shape shape) {
        return new Member(name, shape, false, null);
    }

    public static Member required(String name, Shape shape) {
        return new Member(name, shape, true, null);
    }

    /** A member that must be given unless {@code other} is: reported "must not be null" when both are missing. */
    public static Member requiredUnless(String name, Shape shape, String other) {
        return new Member(name, shape, false, other);
    }

    /** The member's name as AWS writes it in validation messages: first letter in lower case. */
    public String pathName() {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
