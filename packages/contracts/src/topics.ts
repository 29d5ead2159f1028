/**
 * Kafka topics. Each domain publishes all of its events, and its heartbeats, to one topic, keyed
 * by aggregate id so that one aggregate's events stay in order. A new domain joins by publishing
 * to a topic of its own and being named in the aggregator's configuration.
 */
export const topics = {
  safety: 'zone.safety.events',
  environment: 'zone.environment.events',
  foodDrug: 'zone.food-drug.events',
  debt: 'zone.debt.events',
  riskStatus: 'zone.risk.status',
} as const;

export type TopicName = (typeof topics)[keyof typeof topics];

/** The dead-letter topic for poison messages read from `topic`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
