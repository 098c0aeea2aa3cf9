// Opaque cursors over time-ordered ids.
import { invalid } from '../lib/errors.ts';
import { isId, type IdPrefix } from '../lib/ids.ts';

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, prefix: IdPrefix): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isId(prefix, id)) throw invalid('cursor', 'is not a cursor returned by this endpoint');
  return id;
}
