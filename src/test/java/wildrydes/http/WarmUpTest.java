package wildrydes.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import wildrydes.api.ActionRegistry;
import wildrydes.kinesis.KinesisServices;
import wildrydes.storage.MemoryStorageEngine;
import wildrydes.stream.ServiceSettings;

class WarmUpTest {

    @Test
    void warmUpRequestsGoThroughThePipelineAndSucceedInJsonAndCbor() {
        try (MemoryStorageEngine storage = new MemoryStorageEngine();
             KinesisServices services = KinesisServices.open(storage, ServiceSettings.defaults())) {
            HttpPipelines pipelines = new HttpPipelines(new ActionRegistry(services), null);

            assertThat(WarmUp.send(pipelines, TestServer.JSON, "{}".getBytes(StandardCharsets.US_ASCII))).isEqualTo("HTTP/1.1 200 OK");
            assertThat(WarmUp.send(pipelines, TestServer.CBOR, new byte[] {(byte) 0xA0})).isEqualTo("HTTP/1.1 200 OK");
            assertThat(services.registry().streams()).isEmpty();
        }
    }
}
