export { type Envelope, envelopeAttributes, envelopeSchema } from './envelope.ts';
export { deadLetterTopic, type TopicName, topics } from './topics.ts';
