package io.descent.opencl;

import com.aparapi.Config;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Aparapi's own {@code java.util.logging} output (warnings about untested OpenCL platforms,
 * unexpected class-file attributes, synthetic variable tables, device fallbacks) out of the
 * user's output. Set the system property {@value #VERBOSE_PROPERTY}{@code =true} to see it.
 *
 * <p>Aparapi's {@link Config} sets the level of its logger in its static initialiser from
 * {@code com.aparapi.logLevel}, so the level is set here after that class is loaded, and the
 * logger is held in a static field because {@code java.util.logging} keeps loggers only weakly
 * and would otherwise forget the level. Messages that Aparapi's native library or the OpenCL
 * driver print to the standard error stream directly are beyond its reach.
 */
final class AparapiLogging
{
    /** System property that lets Aparapi's log messages through when {@code true}. */
    static final String VERBOSE_PROPERTY = "descent.opencl.verbose";

    private static Logger aparapiLogger;

    private AparapiLogging()
    {
    }

    /** Silences Aparapi's logger unless {@value #VERBOSE_PROPERTY} is {@code true}. Idempotent. */
    static synchronized void apply()
    {
        if (aparapiLogger == null)
        {
            aparapiLogger = Logger.getLogger(Config.getLoggerName());
            if (!Boolean.getBoolean(VERBOSE_PROPERTY))
            {
                aparapiLogger.setLevel(Level.OFF);
            }
        }
    }
}
