package wildrydes.lab.common;

/** A failure of a lab tool that a person can act on; the message says what to do. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }
}
