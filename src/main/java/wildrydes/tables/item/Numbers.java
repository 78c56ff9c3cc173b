package wildrydes.tables.item;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Pattern;

/**
 * DynamoDB's numbers: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126,
 * kept exactly (decimal, never binary floating point) and returned without trailing zeros or
 * exponent, as the service returns them.
 */
public final class Numbers {
    public static final int MAX_DIGITS = 38;
    /** Largest allowed exponent of the leading digit (9.99...E+125). */
    static final int MAX_EXPONENT = 125;
    /** Smallest allowed exponent of the leading digit (1E-130). */
    static final int MIN_EXPONENT = -130;

    // What the service accepts as a number: no sign but '-', no hex, no NaN or Infinity.
    private static final Pattern SYNTAX = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {
    }

    /** Thrown for a number the service does not accept; the message is the service's. */
    public static final class InvalidNumberException extends RuntimeException {
        InvalidNumberException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses a number as sent in an {@code N} or {@code NS} value.
     *
     * @throws InvalidNumberException worded as DynamoDB words it
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidNumberException("The parameter cannot be converted to a numeric value");
        }
        if (text.length() > 4096 || !SYNTAX.matcher(text).matches()) {
            throw new InvalidNumberException("The parameter cannot be converted to a numeric value: " + text);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidNumberException("The parameter cannot be converted to a numeric value: " + text);
        }
        return checked(value);
    }

    /** Normalises a computed number and checks it against the service's limits. */
    public static BigDecimal checked(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw new InvalidNumberException("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw new InvalidNumberException("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (stripped.precision() > MAX_DIGITS) {
            throw new InvalidNumberException("Attempting to store more than 38 significant digits in a Number");
        }
        return stripped;
    }

    /** Sum of two numbers, exact, checked against the limits. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return checked(a.add(b, MathContext.UNLIMITED));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return checked(a.subtract(b, MathContext.UNLIMITED));
    }

    /** The text DynamoDB answers for a number: plain digits, no trailing zeros. */
    public static String text(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    /**
     * Bytes the number counts for in an item's size: about one per two significant digits, plus
     * one (as the service's own size calculator).
     */
    public static int size(BigDecimal value) {
        if (value.signum() == 0) {
            return 1;
        }
        int digits = value.precision();
        int exponent = value.precision() - value.scale() - 1;
        boolean padded = digits % 2 == 0 && Math.floorMod(exponent, 2) == 0;
        return 1 + (digits + 1) / 2 + (padded ? 1 : 0) + (value.signum() < 0 ? 1 : 0);
    }
}
