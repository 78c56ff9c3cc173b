package wildrydes.lab.process.runtime;

/** The runtimes {@code process -runtime} offers. */
public enum FunctionRuntime {
    /** A Java handler run by the official runtime interface client (aws-lambda-java-runtime-interface-client). */
    JAVA,
    /** A Node.js handler run by the bootstrap the tool ships. */
    NODEJS,
    /** Any executable that speaks the Runtime API itself (an OS-only runtime's {@code bootstrap}). */
    PROVIDED
}
