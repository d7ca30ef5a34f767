package io.coinwatch.core.messaging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.amqp.rabbit.listener.exception.MessageRejectedWhileStoppingException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * A message the broker delivers to a consumer that is stopping is rejected back to its queue and redelivered later:
 * nothing is lost, yet Spring AMQP logs it as an ERROR with a stack trace, which made every shutdown during a
 * backfill look like a failure. Only that case is dropped from the log; every other listener error still shows.
 */
@Component
public class StoppingConsumerLogFilter extends TurboFilter implements InitializingBean, DisposableBean {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return t instanceof MessageRejectedWhileStoppingException ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    @Override
    public void afterPropertiesSet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
    }
}
