package org.openami.concentrator.components;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.channel.ChannelStatistics;
import org.openami.concentrator.channel.LineQuality;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Request;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RS-485 bus: a serial port, its framing and timing. A factory component: one
 * configuration per bus. Registers a {@link Channel} with the service property
 * {@code channel.id}, which archive records name.
 */
@Component(name = Rs485ChannelComponent.PID, configurationPid = Rs485ChannelComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {Channel.class, ConfigurableComponent.class})
@Designate(ocd = Rs485ChannelComponent.Config.class, factory = true)
public final class Rs485ChannelComponent implements Channel, ConfigurableComponent {

    /** Factory PID of the bus configurations. */
    public static final String PID = "org.openami.concentrator.channel.rs485";

    private static final Logger LOG = LoggerFactory.getLogger(Rs485ChannelComponent.class);

    @ObjectClassDefinition(id = PID, name = "RS-485 bus",
            description = "A serial port with DL/T 645 or Modbus RTU meters on it. One configuration per bus.")
    public @interface Config {
        @AttributeDefinition(name = "Channel id", description = "The id archive records name in their channel column, e.g. rs485-1")
        String channel_id();

        @AttributeDefinition(name = "Port", description = "Serial device, e.g. /dev/ttyUSB0 or /dev/ttyS1")
        String port();

        @AttributeDefinition(name = "Default framing", description = "baud-databits parity stopbits for meters whose archive record gives none, e.g. 2400-8E1")
        String serial() default "2400-8E1";

        @AttributeDefinition(name = "RS-485 mode", description = "Switch the UART to the kernel's RS-485 mode (RTS drives the transceiver); for UARTs wired straight to a transceiver, not for USB adapters")
        boolean rs485_mode() default false;

        @AttributeDefinition(name = "RTS active high", description = "RTS level while sending in RS-485 mode")
        boolean rts_active_high() default true;

        @AttributeDefinition(name = "Delay before send (us)", description = "Driver enable to first start bit, 0..100000 microseconds", min = "0", max = "100000")
        int delay_before_send_us() default 0;

        @AttributeDefinition(name = "Delay after send (us)", description = "Last stop bit to driver disable, 0..100000 microseconds", min = "0", max = "100000")
        int delay_after_send_us() default 0;

        @AttributeDefinition(name = "Echo", description = "The adapter hears its own transmission (2-wire adapter with the receiver always on)")
        boolean echo() default false;

        @AttributeDefinition(name = "Reply timeout (ms)", description = "Longest wait for the first reply byte after a request; DL/T 645 allows 500", min = "20", max = "60000")
        int reply_timeout_ms() default 500;

        @AttributeDefinition(name = "Inter-byte timeout (ms)", description = "Silence that ends an incomplete reply", min = "5", max = "5000")
        int inter_byte_timeout_ms() default 100;

        @AttributeDefinition(name = "Retry backoff (ms)", description = "Wait before a request's second attempt; doubles per attempt", min = "1", max = "60000")
        int backoff_ms() default 200;

        @AttributeDefinition(name = "Longest backoff (ms)", min = "1", max = "600000")
        int max_backoff_ms() default 2000;

        @AttributeDefinition(name = "Queue limit", description = "Requests that may wait for this bus; more are refused as overloaded", min = "1", max = "100000")
        int max_queued() default 8192;
    }

    private BusChannel bus;

    @Activate
    void activate(Config c) {
        LineSettings line = ConfigChecks.serial("serial", c.serial());
        String id = ConfigChecks.text("channel.id", c.channel_id());
        String port = ConfigChecks.text("port", c.port());
        BusTiming timing = ConfigChecks.check("reply.timeout.ms", () -> new BusTiming(
                Duration.ofMillis(c.reply_timeout_ms()), Duration.ofMillis(c.inter_byte_timeout_ms()), 260,
                Duration.ofMillis(c.backoff_ms()), Duration.ofMillis(c.max_backoff_ms()), c.max_queued()));
        Rs485Options options = ConfigChecks.check("delay.before.send.us", () -> new Rs485Options(c.rs485_mode(),
                c.rts_active_high(), c.delay_before_send_us(), c.delay_after_send_us(), c.echo()));
        bus = new BusChannel(id, new SerialTransport(port, options), line, timing, Clock.systemUTC());
        LOG.info("RS-485 bus {} on {} at {}", id, bus.describe(), line);
    }

    @Deactivate
    void deactivate() {
        if (bus != null) {
            bus.close();
            LOG.info("RS-485 bus {} closed", bus.id());
        }
    }

    @Override
    public String id() {
        return bus.id();
    }

    @Override
    public <R> CompletableFuture<R> submit(Request<R> request) {
        return bus.submit(request);
    }

    @Override
    public LineQuality quality(String target) {
        return bus.quality(target);
    }

    @Override
    public Map<String, LineQuality> qualities() {
        return bus.qualities();
    }

    @Override
    public ChannelStatistics statistics() {
        return bus.statistics();
    }

    /** DS closes the bus in {@link #deactivate()}; users of the service must not close it. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("the bus " + bus.id() + " is closed by its configuration");
    }
}
