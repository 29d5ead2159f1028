import { deadLetterTopic } from '@zone-risk/contracts';
import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';

export type FailureReason = 'invalid-json' | 'invalid-event' | 'handler-failed';

/** Headers a dead-lettered message carries, besides the original ones. */
export const deadLetterHeaders = {
  error: 'dlq-error',
  reason: 'dlq-reason',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  group: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  groupId: string;
  reason: FailureReason;
  error: string;
}

/**
 * Copies a poison message, key and value byte for byte, to `<topic>.dlq` with headers saying why
 * and where it came from, so it can be inspected and replayed. Throws if Kafka does not take it:
 * the caller must then not commit the original offset.
 */
export async function sendToDeadLetter(producer: Producer, letter: DeadLetter): Promise<void> {
  const headers: IHeaders = {
    ...letter.message.headers,
    [deadLetterHeaders.error]: letter.error.slice(0, 4_000),
    [deadLetterHeaders.reason]: letter.reason,
    [deadLetterHeaders.topic]: letter.topic,
    [deadLetterHeaders.partition]: String(letter.partition),
    [deadLetterHeaders.offset]: letter.message.offset,
    [deadLetterHeaders.group]: letter.groupId,
    [deadLetterHeaders.failedAt]: new Date().toISOString(),
  };
  await producer.send({
    topic: deadLetterTopic(letter.topic),
    acks: -1,
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
}
