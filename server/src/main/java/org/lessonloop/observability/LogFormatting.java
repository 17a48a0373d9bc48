package org.lessonloop.observability;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.lessonloop.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the console (logback.xml's CONSOLE appender) to one JSON object a line: the time, level,
 * thread, logger, the formatted message, its key-value pairs (a request's method, route, status,
 * duration…) and any stack trace, which is what log shippers (Loki, Elasticsearch) parse.
 */
final class LogFormatting {
    private LogFormatting() {
    }

    static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (!(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE") instanceof OutputStreamAppender<ILoggingEvent> console)) {
            return;
        }
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithContext(false);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithMDC(false);
        json.setWithFormattedMessage(true);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
    }
}
