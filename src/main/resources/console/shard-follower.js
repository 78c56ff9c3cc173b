// Follows one shard with GetRecords, as a consumer does: from a time (recent history), from the
// oldest record (a shard born while the map watches) or, failing that, from the latest.
import { call } from './kinesis.js';

export class ShardFollower {
  /**
   * @param startMillis where to start (epoch millis), or null for the oldest record
   * @param restartBackMillis how far back to start again after an expired iterator
   */
  constructor(streamName, shardId, startMillis, restartBackMillis) {
    this.streamName = streamName;
    this.shardId = shardId;
    this.startMillis = startMillis;
    this.restartBackMillis = restartBackMillis;
    this.iterator = null;
    this.finished = false;
  }

  /** One GetRecords call; each record goes to onRecord. */
  async poll(onRecord) {
    if (!this.iterator) await this.start();
    let answer;
    try {
      answer = await call('GetRecords', { ShardIterator: this.iterator, Limit: 1000 });
    } catch (e) {
      if (e.type === 'ExpiredIteratorException') {
        this.iterator = null;
        this.startMillis = Date.now() - this.restartBackMillis;
        return;
      }
      throw e;
    }
    for (const record of answer.Records || []) onRecord(record);
    this.iterator = answer.NextShardIterator || null;
    this.finished = !answer.NextShardIterator;
  }

  async start() {
    const input = { StreamName: this.streamName, ShardId: this.shardId, ShardIteratorType: 'TRIM_HORIZON' };
    if (this.startMillis !== null) {
      input.ShardIteratorType = 'AT_TIMESTAMP';
      input.Timestamp = this.startMillis / 1000;
    }
    try {
      this.iterator = (await call('GetShardIterator', input)).ShardIterator;
    } catch (e) {
      // A browser clock ahead of the server's makes the timestamp "in the future": start at LATEST.
      if (e.type !== 'InvalidArgumentException') throw e;
      this.iterator = (await call('GetShardIterator', { ...input, ShardIteratorType: 'LATEST', Timestamp: undefined })).ShardIterator;
    }
  }
}
