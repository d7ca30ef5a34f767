package io.coinwatch.core.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker keeps a durable queue's persistent messages across a restart, as RabbitMQ does, also those
 * larger than its (reduced) network buffer.
 */
class EmbeddedBrokerRestartTest {

    @Test
    void aPersistentMessageQueuedBeforeARestartIsThereAfterIt() throws Exception {
        try (PrivateAmqpBroker broker = new PrivateAmqpBroker()) {
            broker.start();
            try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("restart.probe", true, false, false, null);
                channel.basicPublish("", "restart.probe", MessageProperties.PERSISTENT_TEXT_PLAIN, "kept".getBytes(StandardCharsets.UTF_8));
                channel.basicPublish("", "restart.probe", MessageProperties.TEXT_PLAIN, "transient".getBytes(StandardCharsets.UTF_8));
            }
            broker.stop();
            broker.start();
            try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
                GetResponse first = channel.basicGet("restart.probe", true);
                assertThat(first).isNotNull();
                assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
                assertThat(channel.basicGet("restart.probe", true)).as("a transient message does not survive").isNull();
            }
        }
    }

    @Test
    void aMessageLargerThanTheNetworkBufferIsSplitIntoFramesAndKept() throws Exception {
        byte[] body = new byte[300 * 1024];
        Arrays.fill(body, (byte) 'x');
        try (PrivateAmqpBroker broker = new PrivateAmqpBroker()) {
            broker.start();
            try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
                // A frame is the network buffer less its header: at most 64 KiB (qpid-broker.json), 256 KiB by default.
                assertThat(connection.getFrameMax()).isLessThanOrEqualTo(64 * 1024);
                channel.queueDeclare("large.probe", true, false, false, null);
                channel.basicPublish("", "large.probe", MessageProperties.PERSISTENT_BASIC, body);
            }
            broker.stop();
            broker.start();
            try (Connection connection = broker.connect(); Channel channel = connection.createChannel()) {
                GetResponse got = channel.basicGet("large.probe", true);
                assertThat(got).isNotNull();
                assertThat(got.getBody()).isEqualTo(body);
            }
        }
    }
}
