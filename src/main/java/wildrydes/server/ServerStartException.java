package wildrydes.server;

/** The server could not start; the message says why and what to do. */
public class ServerStartException extends RuntimeException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
