package objectstore.util;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import objectstore.store.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every command line of the project, declared with picocli and read the same way: {@code --help} is picocli's usage
 * help; a bad option or value is one line that names the option and the fix, and exit code 2, never a stack trace; an
 * unknown option gets picocli's suggestion ("did you mean --iterations?").
 *
 * <p>A command either parses ({@link #parse}: a bad argument is a {@link UserError} whose message is that line, and the
 * command prints it as it prints its other user errors) or is run by picocli ({@link #execute}, for a command with
 * subcommands: {@link #oneLine} is its parameter exception handler).
 */
public final class CommandLines {

    /** The exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** Usage help lines are wrapped at this width. */
    static final int WIDTH = 110;

    private CommandLines() {}

    /** {@code --help}, the same on every command. */
    public static final class Help {
        @CommandLine.Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "this text")
        boolean help;
    }

    /**
     * A converter's complete message: the whole line to print, the option's name included (a plain
     * {@link CommandLine.TypeConversionException} says what is wrong with the value, and gets the option's name put
     * before it).
     */
    public static final class BadValue extends CommandLine.TypeConversionException {
        public BadValue(String line) {
            super(line);
        }
    }

    /** {@code command}, a picocli {@code @Command} object, as a command line read the project's way. */
    public static CommandLine of(Object command) {
        return new CommandLine(command)
                .registerConverter(Integer.class, CommandLines::wholeNumber)
                .registerConverter(int.class, CommandLines::wholeNumber)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(WIDTH);
    }

    /**
     * Reads {@code args} into {@code line}'s command. Returns true when {@code --help} was asked for (whatever else the
     * line holds); throws a {@link UserError} whose message is the one line for anything wrong.
     */
    public static boolean parse(CommandLine line, String... args) {
        try {
            line.parseArgs(args);
            return line.isUsageHelpRequested();
        } catch (ParameterException e) {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                return true;
            }
            throw new UserError(oneLine(e));
        }
    }

    /**
     * Runs a command with subcommands: picocli reads {@code args}, prints the usage help for {@code --help}, and calls
     * the chosen command; a bad argument is one line on {@code err}, {@code "NAME: ..."}, and {@link #BAD_INPUT}.
     */
    public static int execute(CommandLine line, String[] args, PrintStream out, PrintStream err) {
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((e, given) -> {
            err.println(line.getCommandName() + ": " + oneLine(e));
            return BAD_INPUT;
        });
        return line.execute(args);
    }

    /** The usage help of {@code line}'s command. */
    public static String usage(CommandLine line) {
        return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** "must be a, b or c, not 'x'": the message for a value that is not one of {@code allowed}. */
    public static String oneOf(String option, List<String> allowed, String value) {
        String list = allowed.size() == 1
                ? allowed.getFirst()
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.getLast();
        return option + " must be " + list + ", not '" + value + "'";
    }

    /**
     * The one line for a bad command line: what is wrong, in the project's words where picocli's are vaguer, and how to
     * fix it.
     */
    public static String oneLine(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched);
        }
        if (e instanceof CommandLine.OverwrittenOptionException twice
                && twice.getOverwritten() instanceof OptionSpec option) {
            return "option " + option.longestName() + " is given twice; give it once";
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            return missing.getMissing().getFirst() instanceof OptionSpec option
                    ? "option " + option.longestName() + " needs a value: " + option.longestName() + " "
                            + option.paramLabel()
                    : e.getCommandLine().getCommandName() + " needs "
                            + missing.getMissing().getFirst().paramLabel() + " (see --help)";
        }
        if (e.getCause() instanceof BadValue whole) {
            return whole.getMessage();
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException wrong
                && e.getArgSpec() instanceof OptionSpec option) {
            if (option.type().isEnum()) {
                List<String> allowed = Arrays.stream(option.type().getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                        .toList();
                return oneOf(option.longestName(), allowed, e.getValue());
            }
            return option.longestName() + " " + wrong.getMessage();
        }
        return e.getMessage().replaceFirst("^Error: ", "").replace('\n', ' ');
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException e) {
        String given = e.getUnmatched().getFirst();
        if (!given.startsWith("-")) {
            return "unexpected argument '" + given + "' (see --help)";
        }
        String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
        List<String> suggestions = e.getSuggestions();
        if (!suggestions.isEmpty()) {
            return "unknown option " + name + "; did you mean " + String.join(" or ", suggestions) + "?";
        }
        return "unknown option " + name + "; the options are: "
                + e.getCommandLine().getCommandSpec().options().stream()
                        .filter(option -> !option.hidden())
                        .map(OptionSpec::longestName)
                        .collect(Collectors.joining(" "));
    }

    /** A whole number, {@code 1_000} and {@code 1000} alike. */
    private static Integer wholeNumber(String text) {
        long value;
        try {
            value = Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("must be a whole number, not '" + text + "'");
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("must be at most " + Integer.MAX_VALUE + ", not " + text);
        }
        return (int) value;
    }
}
