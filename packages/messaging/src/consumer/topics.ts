import type { Kafka } from 'kafkajs';

/**
 * Patterns are resolved here rather than by kafkajs so that a pattern like /^zone\..*\.events/
 * never picks up its own dead-letter topics (which would dead-letter dead letters).
 */
export async function resolveTopics(kafka: Kafka, topics: readonly (string | RegExp)[]): Promise<string[]> {
  const names = topics.filter((topic): topic is string => typeof topic === 'string');
  const patterns = topics.filter((topic): topic is RegExp => topic instanceof RegExp);
  if (patterns.length > 0) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of await admin.listTopics()) {
        if (topic.endsWith('.dlq') || topic.startsWith('__')) continue;
        if (
          patterns.some((pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(topic))
        ) {
          names.push(topic);
        }
      }
    } finally {
      await admin.disconnect();
    }
  }
  const unique = [...new Set(names)];
  if (unique.length === 0) throw new Error(`no topic matches ${topics.map(String).join(', ')}`);
  return unique;
}
