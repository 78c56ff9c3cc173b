package wildrydes.cli;

/**
 * One long option of a command, declared as data: {@link OptionParser} parses a command line
 * with a table of them and {@link ServerUsage} shows them in the help.
 *
 * @param <T> the command whose fields the option sets
 */
interface CommandOption<T> {

    /** The option as typed, e.g. {@code --port}. */
    String optionName();

    /** The label of its value in the help, e.g. {@code <port>}; null for a flag, which takes none. */
    String paramLabel();

    String description();

    /**
     * Sets the option on the command: {@code "true"} or {@code "false"} for a flag, else the
     * value as typed.
     *
     * @throws IllegalArgumentException worded as what the value is not, e.g. {@code 'x' is not an int}
     */
    void set(T command, String value);

    default boolean isFlag() {
        return paramLabel() == null;
    }
}
