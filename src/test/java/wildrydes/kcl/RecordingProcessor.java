package wildrydes.kcl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** A record processor that writes everything it is given into the {@link Ledger} and checkpoints after each batch. */
final class RecordingProcessor implements ShardRecordProcessor {
    private final Ledger ledger;
    private final String worker;
    private final int id;
    private String shardId = "?";
    private BigInteger lastSeq;

    private RecordingProcessor(Ledger ledger, String worker) {
        this.ledger = ledger;
        this.worker = worker;
        this.id = ledger.newProcessor();
    }

    static ShardRecordProcessorFactory factory(Ledger ledger, String worker) {
        return () -> new RecordingProcessor(ledger, worker);
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        ledger.inits.add(new Ledger.Init(ledger.tick(), worker, id, shardId, input.extendedSequenceNumber().sequenceNumber()));
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        if (input.records().isEmpty()) {
            return;
        }
        for (KinesisClientRecord record : input.records()) {
            String data = StandardCharsets.UTF_8.decode(record.data().duplicate()).toString();
            int colon = data.lastIndexOf(':');
            String key = data.substring(0, colon);
            if (!key.equals(record.partitionKey())) {
                ledger.problems.add("record " + record.sequenceNumber() + " on " + shardId + " has partition key "
                        + record.partitionKey() + " but data " + data);
            }
            BigInteger seq = new BigInteger(record.sequenceNumber());
            ledger.processed.add(new Ledger.Processed(ledger.tick(), worker, id, shardId, record.partitionKey(),
                    Integer.parseInt(data.substring(colon + 1)), seq));
            lastSeq = seq;
        }
        ledger.processedByWorker.merge(worker, input.records().size(), Integer::sum);
        checkpoint(input.checkpointer(), lastSeq, "processRecords");
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        ledger.events.add(new Ledger.Event(ledger.tick(), worker, id, shardId, "leaseLost"));
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        ledger.events.add(new Ledger.Event(ledger.tick(), worker, id, shardId, "shardEnded"));
        checkpoint(input.checkpointer(), Ledger.SHARD_END, "shardEnded");
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        ledger.events.add(new Ledger.Event(ledger.tick(), worker, id, shardId, "shutdownRequested"));
        if (lastSeq != null) {
            checkpoint(input.checkpointer(), lastSeq, "shutdownRequested");
        }
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer, BigInteger seq, String when) {
        try {
            checkpointer.checkpoint();
            ledger.checkpoints.add(new Ledger.Checkpoint(ledger.tick(), worker, id, shardId, seq, when));
        } catch (ShutdownException e) {
            // The lease was lost (taken by another worker): the new owner resumes from the last checkpoint.
            ledger.events.add(new Ledger.Event(ledger.tick(), worker, id, shardId, "checkpointRefused(" + when + ")"));
        } catch (Exception e) {
            ledger.problems.add(worker + " could not checkpoint " + shardId + " at " + seq + " in " + when + ": " + e);
        }
    }
}
