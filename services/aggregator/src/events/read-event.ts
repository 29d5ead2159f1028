import { type Envelope, envelopeSchema, eventRegistry } from '@zone-risk/contracts';
import { describeParseError, type FailureReason } from '@zone-risk/messaging';
import type { EventCheck } from '../domain/admission.ts';

export type ReadEvent =
  | { ok: true; event: Envelope; check: EventCheck }
  | { ok: false; reason: Extract<FailureReason, 'invalid-json' | 'invalid-event'>; error: string };

/**
 * Decodes one message value. A type the contracts registry knows is validated in full (bad data
 * is an invalid event, as it always was); any other type only as a CloudEvents envelope, once,
 * so that a domain this build has no contract for can still join through the policy — whether
 * the event is then taken is the aggregator's decision (`admission`), made with the policy in
 * force when it is applied. Invalid JSON and a malformed envelope are poison either way.
 */
export function readEvent(value: Buffer | null): ReadEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(value?.toString('utf8') ?? '');
  } catch (error) {
    return { ok: false, reason: 'invalid-json', error: (error as Error).message };
  }
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && eventRegistry.get(type) !== undefined) {
    const parsed = eventRegistry.parseEvent(raw);
    return parsed.ok
      ? { ok: true, event: parsed.event, check: 'contract' }
      : { ok: false, reason: 'invalid-event', error: parsed.error };
  }
  const envelope = envelopeSchema.safeParse(raw);
  return envelope.success
    ? { ok: true, event: envelope.data, check: 'envelope' }
    : { ok: false, reason: 'invalid-event', error: describeParseError(envelope.error) };
}
