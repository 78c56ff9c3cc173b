package wildrydes.protocol;

/** A named member of a structure shape. */
public record Member(String name, Shape shape, boolean required) {

    public static Member optional(String name, Shape shape) {
        return new Member(name, shape, false);
    }

    public static Member required(String name, Shape shape) {
        return new Member(name, shape, true);
    }

    /** The member's name as AWS writes it in validation messages: first letter in lower case. */
    public String pathName() {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
