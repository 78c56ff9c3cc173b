package wildrydes.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a command line of long options from a table of {@link CommandOption}s, in picocli's
 * grammar and words: {@code --name value} and {@code --name=value}, flags that may be given
 * {@code =true} or {@code =false}, each option at most once, {@code --} ending the options, and
 * the standard {@code -h/--help} and {@code -V/--version}, which win over anything else on the
 * line. It exists so that {@code wildrydes server} starts without picocli, whose reflection and
 * Java 5 classes (which no class-data archive holds) cost tens of milliseconds of start-up.
 */
final class OptionParser {

    /** What the command line asks for. */
    enum Outcome { RUN, HELP, VERSION }

    /** A command line that cannot be parsed; the message says why, in picocli's words. */
    static final class UsageException extends Exception {
        private final List<String> suggestions;

        UsageException(String message) {
            this(message, List.of());
        }

        UsageException(String message, List<String> suggestions) {
            super(message, null, false, false);
            this.suggestions = suggestions;
        }

        /** Options the user may have meant, for a line of their own after the message. */
        List<String> suggestions() {
            return suggestions;
        }
    }

    /** The names of the standard options, as picocli lists them after a command's own. */
    private static final List<String> STANDARD_NAMES = List.of("-h", "--help", "-V", "--version");

    private OptionParser() {
    }

    /** Sets the options on {@code command}; {@code args} follow the command's name. */
    static <T> Outcome parse(List<String> args, List<? extends CommandOption<T>> options, T command) throws UsageException {
        Outcome standard = standardHelp(args);
        if (standard != Outcome.RUN) {
            return standard;
        }
        Map<String, CommandOption<T>> byName = new HashMap<>();
        for (CommandOption<T> option : options) {
            byName.put(option.optionName(), option);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                if (i + 1 < args.size()) {
                    throw unmatched(i + 1, args.get(i + 1));
                }
                break;
            }
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            String value = equals > 0 ? arg.substring(equals + 1) : null;
            CommandOption<T> option = byName.get(name);
            if (option == null) {
                throw arg.startsWith("-") ? unknown(arg, options) : unmatched(i, arg);
            }
            if (!seen.add(name)) {
                throw new UsageException("option '" + name + "'" + (option.isFlag() ? "" : " (" + option.paramLabel() + ")")
                        + " should be specified only once");
            }
            if (option.isFlag()) {
                set(option, command, value == null ? "true" : value);
                continue;
            }
            if (value == null) {
                if (i + 1 == args.size()) {
                    throw new UsageException("Missing required parameter for option '" + name + "' (" + option.paramLabel() + ")");
                }
                String next = args.get(i + 1);
                if (isOption(next, byName)) {
                    throw new UsageException("Expected parameter for option '" + name + "' but found '" + next + "'");
                }
                value = next;
                i++;
            }
            set(option, command, value);
        }
        return Outcome.RUN;
    }

    /** Help or version anywhere before {@code --}, also clustered ({@code -hV}): help first. */
    private static Outcome standardHelp(List<String> args) {
        boolean help = false;
        boolean version = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            help |= arg.equals("--help") || isCluster(arg, 'h');
            version |= arg.equals("--version") || isCluster(arg, 'V');
        }
        return help ? Outcome.HELP : version ? Outcome.VERSION : Outcome.RUN;
    }

    /** {@code -h}, {@code -V}, {@code -hV} or {@code -Vh} holding {@code letter}. */
    private static boolean isCluster(String arg, char letter) {
        if (arg.length() < 2 || arg.length() > 3 || arg.charAt(0) != '-' || arg.indexOf(letter) < 1) {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            if (arg.charAt(i) != 'h' && arg.charAt(i) != 'V') {
                return false;
            }
        }
        return true;
    }

    private static boolean isOption(String arg, Map<String, ?> byName) {
        int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
        return byName.containsKey(equals > 0 ? arg.substring(0, equals) : arg);
    }

    private static <T> void set(CommandOption<T> option, T command, String value) throws UsageException {
        try {
            option.set(command, value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + option.optionName() + "': " + e.getMessage());
        }
    }

    /** With picocli's suggestions: the options whose names start with the same two letters or digits. */
    private static UsageException unknown(String arg, List<? extends CommandOption<?>> options) {
        String prefix = stripDashes(arg);
        prefix = prefix.substring(0, Math.min(2, prefix.length()));
        List<String> names = new ArrayList<>();
        options.forEach(option -> names.add(option.optionName()));
        names.addAll(STANDARD_NAMES);
        List<String> suggestions = new ArrayList<>();
        for (String name : names) {
            if (stripDashes(name).startsWith(prefix)) {
                suggestions.add(name);
            }
        }
        return new UsageException("Unknown option: '" + arg + "'", suggestions);
    }

    private static String stripDashes(String name) {
        int start = 0;
        while (start < name.length() && !Character.isLetterOrDigit(name.charAt(start))) {
            start++;
        }
        return name.substring(start);
    }

    /** Arguments count from the command's name, as picocli counts them. */
    private static UsageException unmatched(int index, String arg) {
        return new UsageException("Unmatched argument at index " + (index + 1) + ": '" + arg + "'");
    }

    // ---------------------------------------------------------------- values, converted as picocli converts them

    static boolean booleanValue(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new IllegalArgumentException("'" + value + "' is not a boolean");
        }
        return lower.equals("true");
    }

    static int intValue(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an int");
        }
    }

    static long longValue(String value) {
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a long");
        }
    }

    static double doubleValue(String value) {
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a double");
        }
    }

    static Path pathValue(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + value + "' is not a path");
        }
    }
}
