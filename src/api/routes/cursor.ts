import { z } from 'zod';
import { problems } from '../problem';

const cursorSchema = z.object({ t: z.iso.datetime(), id: z.uuid() }).strict();

/** Opaque keyset cursor: the sort key of the last item of the page. */
export function encodeCursor(last: { requestedTime: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: last.requestedTime.toISOString(), id: last.id })).toString('base64url');
}

export function decodeCursor(cursor: string): { requestedTime: Date; id: string } {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { requestedTime: new Date(parsed.t), id: parsed.id };
  } catch {
    throw problems.validation([{ field: 'cursor', message: 'not a cursor this API handed out' }]);
  }
}
