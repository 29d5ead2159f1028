import { Types } from 'mongoose';
import { ValidationError } from '../errors.ts';

/** A value a cursor can carry: the sort key(s) and the `_id` of the last item of a page. */
export type CursorValue = string | number | boolean | null | Date | Types.ObjectId;

// JSON loses Dates and ObjectIds; they travel tagged so the next page compares like with like.
type Encoded = string | number | boolean | null | { d: string } | { o: string };

function encodeValue(value: CursorValue): Encoded {
  if (value instanceof Date) return { d: value.toISOString() };
  if (value instanceof Types.ObjectId) return { o: value.toHexString() };
  return value;
}

function decodeValue(value: unknown): CursorValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as CursorValue;
  if (typeof value === 'object') {
    const tagged = value as Record<string, unknown>;
    if (typeof tagged.d === 'string') {
      const date = new Date(tagged.d);
      if (!Number.isNaN(date.getTime())) return date;
    }
    if (typeof tagged.o === 'string' && Types.ObjectId.isValid(tagged.o) && tagged.o.length === 24) {
      return new Types.ObjectId(tagged.o);
    }
  }
  throw new Error('unknown cursor value');
}

/** An opaque page cursor: base64url JSON of the last item's sort key(s) and id. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values.map(encodeValue))).toString('base64url');
}

/** @throws ValidationError (400) when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('not a list');
    return parsed.map(decodeValue);
  } catch {
    throw new ValidationError('The cursor is malformed; use the nextCursor of a previous page', [
      { location: 'querystring', pointer: '/cursor', message: 'is not a valid cursor' },
    ]);
  }
}
