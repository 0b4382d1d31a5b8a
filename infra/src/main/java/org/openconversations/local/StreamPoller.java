package org.openconversations.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays the Lambda event source mapping for one DynamoDB stream event of a function: follows every
 * shard of the table's latest stream, filters records like FilterCriteria, invokes the function
 * in batches and, like Lambda, retries a failed batch from its first failed record (at least once).
 * Shards are read from TRIM_HORIZON when first seen, so records written while the gateway was down
 * are delivered after a restart; the handlers are idempotent, so redelivery is harmless.
 */
public final class StreamPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final Duration SHARD_REFRESH_INTERVAL = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    private static final int GET_RECORDS_LIMIT = 1000;

    private final LambdaFunction function;
    private final FunctionDefinition.DynamoDbStreamEvent source;
    private final String tableName;
    private final EventFilter filter;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final Duration pollInterval;
    private final Thread thread;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private volatile boolean running = true;
    private String streamArn;
    private long nextRefreshMillis;
    private String lastProblem;

    /** Where a shard is read from next and how its current batch has fared. */
    private static final class ShardState {
        final String shardId;
        final String parentShardId;
        String iterator;
        ShardIteratorType positionType = ShardIteratorType.TRIM_HORIZON;
        String positionSequenceNumber;
        boolean finished;
        int failedAttempts;
        long retryAtMillis;

        ShardState(String shardId, String parentShardId) {
            this.shardId = shardId;
            this.parentShardId = parentShardId;
        }

        void resumeAt(ShardIteratorType type, String sequenceNumber) {
            positionType = type;
            positionSequenceNumber = sequenceNumber;
            iterator = null;
        }
    }

    private record BatchFailure(List<Record> records) {
    }

    private StreamPoller(LambdaFunction function, FunctionDefinition.DynamoDbStreamEvent source, String tableName,
            DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, Duration pollInterval) {
        this.function = function;
        this.source = source;
        this.tableName = tableName;
        this.filter = EventFilter.of(source.filterPatterns());
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.pollInterval = pollInterval;
        this.thread = new Thread(this::run, "stream-" + function.name() + "-" + source.name());
        this.thread.setDaemon(true);
    }

    public static StreamPoller start(LambdaFunction function, FunctionDefinition.DynamoDbStreamEvent source,
            String tableName, DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, Duration pollInterval) {
        StreamPoller poller = new StreamPoller(function, source, tableName, dynamoDb, streams, pollInterval);
        poller.thread.start();
        return poller;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(pollInterval.multipliedBy(4).toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                if (System.currentTimeMillis() >= nextRefreshMillis) {
                    refreshShards();
                }
                for (ShardState shard : readyShards()) {
                    if (!running) {
                        break;
                    }
                    poll(shard);
                }
            } catch (ResourceNotFoundException e) {
                // The table or its stream was deleted or replaced: start over from the latest stream.
                streamArn = null;
                shards.clear();
                nextRefreshMillis = 0;
                report("stream of " + tableName + " not found: " + e.getMessage());
            } catch (RuntimeException e) {
                if (running) {
                    report(e.toString());
                }
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void refreshShards() {
        nextRefreshMillis = System.currentTimeMillis() + SHARD_REFRESH_INTERVAL.toMillis();
        String latest = dynamoDb.describeTable(request -> request.tableName(tableName)).table().latestStreamArn();
        if (latest == null) {
            report("table " + tableName + " has no stream");
            return;
        }
        if (!latest.equals(streamArn)) {
            streamArn = latest;
            shards.clear();
        }
        Set<String> listed = new HashSet<>();
        String startShardId = null;
        do {
            String exclusiveStart = startShardId;
            DescribeStreamResponse response = streams.describeStream(
                    request -> request.streamArn(streamArn).exclusiveStartShardId(exclusiveStart));
            for (Shard shard : response.streamDescription().shards()) {
                listed.add(shard.shardId());
                shards.putIfAbsent(shard.shardId(), new ShardState(shard.shardId(), shard.parentShardId()));
            }
            startShardId = response.streamDescription().lastEvaluatedShardId();
        } while (startShardId != null);
        // Shards trimmed out of the stream after being read to their end are forgotten.
        shards.values().removeIf(shard -> shard.finished && !listed.contains(shard.shardId));
        lastProblem = null;
    }

    /** Unfinished shards not waiting for a retry, whose parent (if still known) has been read to its end. */
    private List<ShardState> readyShards() {
        long now = System.currentTimeMillis();
        List<ShardState> ready = new ArrayList<>();
        for (ShardState shard : shards.values()) {
            ShardState parent = shard.parentShardId == null ? null : shards.get(shard.parentShardId);
            if (!shard.finished && shard.retryAtMillis <= now && (parent == null || parent.finished)) {
                ready.add(shard);
            }
        }
        return ready;
    }

    private void poll(ShardState shard) {
        if (shard.iterator == null) {
            GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                    .streamArn(streamArn)
                    .shardId(shard.shardId)
                    .shardIteratorType(shard.positionType);
            if (shard.positionSequenceNumber != null) {
                request.sequenceNumber(shard.positionSequenceNumber);
            }
            shard.iterator = streams.getShardIterator(request.build()).shardIterator();
        }
        GetRecordsResponse response;
        try {
            String iterator = shard.iterator;
            response = streams.getRecords(request -> request.shardIterator(iterator).limit(GET_RECORDS_LIMIT));
        } catch (ExpiredIteratorException e) {
            shard.iterator = null;
            return;
        } catch (TrimmedDataAccessException e) {
            shard.resumeAt(ShardIteratorType.TRIM_HORIZON, null);
            return;
        }
        List<Record> records = response.records();
        Optional<BatchFailure> failure = deliver(records);
        if (failure.isPresent()) {
            handleFailure(shard, failure.get().records());
            return;
        }
        shard.failedAttempts = 0;
        if (!records.isEmpty()) {
            shard.positionType = ShardIteratorType.AFTER_SEQUENCE_NUMBER;
            shard.positionSequenceNumber = sequenceNumber(records.get(records.size() - 1));
        }
        shard.iterator = response.nextShardIterator();
        if (shard.iterator == null) {
            shard.finished = true;
            // A closed shard usually has children by now; look for them at once.
            nextRefreshMillis = 0;
        }
    }

    /** Invokes the function with the matching records in batches; stops at the first failed batch. */
    private Optional<BatchFailure> deliver(List<Record> records) {
        List<Record> batch = new ArrayList<>();
        for (Record record : records) {
            if (!filter.matches(record.eventNameAsString())) {
                continue;
            }
            batch.add(record);
            if (batch.size() == source.batchSize()) {
                Optional<BatchFailure> failure = invoke(List.copyOf(batch));
                if (failure.isPresent()) {
                    return failure;
                }
                batch.clear();
            }
        }
        return batch.isEmpty() ? Optional.empty() : invoke(List.copyOf(batch));
    }

    private Optional<BatchFailure> invoke(List<Record> batch) {
        Object response;
        try {
            response = function.invoke(StreamRecords.event(batch, streamArn));
        } catch (Throwable e) {
            LOG.error("{} failed on a batch of {} stream records", function.name(), batch.size(), e);
            return Optional.of(new BatchFailure(batch));
        }
        if (!source.functionResponseTypes().contains("ReportBatchItemFailures")
                || !(response instanceof StreamsEventResponse streamsResponse)
                || streamsResponse.getBatchItemFailures() == null
                || streamsResponse.getBatchItemFailures().isEmpty()) {
            return Optional.empty();
        }
        // Lambda resumes from the lowest failed record; an unknown or empty identifier fails the whole batch.
        int firstFailed = batch.size();
        for (StreamsEventResponse.BatchItemFailure itemFailure : streamsResponse.getBatchItemFailures()) {
            int index = indexOf(batch, itemFailure == null ? null : itemFailure.getItemIdentifier());
            firstFailed = Math.min(firstFailed, Math.max(index, 0));
        }
        LOG.warn("{} reported {} failed stream records", function.name(), batch.size() - firstFailed);
        return Optional.of(new BatchFailure(batch.subList(firstFailed, batch.size())));
    }

    private void handleFailure(ShardState shard, List<Record> failed) {
        shard.failedAttempts++;
        int retries = source.maximumRetryAttempts();
        if (retries >= 0 && shard.failedAttempts > retries) {
            // Lambda would send these to the on-failure destination; locally the log is the destination.
            LOG.error("{} gave up on stream records {} after {} retries", function.name(),
                    failed.stream().map(Record::eventID).toList(), retries);
            shard.failedAttempts = 0;
            shard.resumeAt(ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumber(failed.get(failed.size() - 1)));
            return;
        }
        shard.resumeAt(ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumber(failed.get(0)));
        long backoff = shard.failedAttempts <= 1 ? 0
                : Math.min(pollInterval.toMillis() << Math.min(shard.failedAttempts - 1, 16),
                        MAX_RETRY_BACKOFF.toMillis());
        shard.retryAtMillis = System.currentTimeMillis() + backoff;
    }

    private static int indexOf(List<Record> batch, String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (sequenceNumber.equals(sequenceNumber(batch.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    private void report(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn("{} stream poller: {}", function.name(), problem);
            lastProblem = problem;
        }
    }
}
