// `tributary keys rotate`: re-encrypts every secret column under the active key, online — in batches, each
// row rewritten only if it still holds the value that was read (compare-and-set), so it is safe while the
// API and workers keep reading and writing. Legacy `v1.` values (no key id, no AAD) are sealed anew too.
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/db.ts';
import { SECRET_COLUMNS, slotOf, type SecretColumn } from '../db/secret-columns.ts';
import type { Cipher } from '../lib/crypto.ts';

export interface ColumnRotation {
  table: string;
  column: string;
  /** Re-sealed under the active key. */
  rotated: number;
  /** Changed by someone else between read and write (so already written anew); left alone. */
  raced: number;
  /** Could not be decrypted with any configured key (ids listed): these need the missing key back. */
  failed: string[];
  /** Values still not under the active key after the pass. */
  remaining: number;
}

/** Values of the column that are not sealed with the active key (legacy v1, or another key id). */
const notActive = (c: SecretColumn, activeKeyId: string) => {
  const prefix = `v2.${activeKeyId}.`;
  return sql<boolean>`${sql.ref(c.column)} is not null and left(${sql.ref(c.column)}, ${prefix.length}) <> ${prefix}`;
};

async function rotateColumn(db: Kysely<any>, cipher: Cipher, c: SecretColumn, batchSize: number, onBatch?: (r: ColumnRotation) => void): Promise<ColumnRotation> {
  const out: ColumnRotation = { table: c.table, column: c.column, rotated: 0, raced: 0, failed: [], remaining: 0 };
  let after = '';
  for (;;) {
    // Keyset pagination by primary key: every row is visited once per pass, however many are rewritten.
    const rows: Array<Record<string, string>> = await db
      .selectFrom(c.table)
      .select([c.pk, c.column, ...c.identity.filter((k) => k !== c.pk)])
      .where(notActive(c, cipher.activeKeyId))
      .where(c.pk, '>', after)
      .orderBy(c.pk)
      .limit(batchSize)
      .execute();
    if (!rows.length) break;
    for (const row of rows) {
      const old = row[c.column]!;
      const slot = slotOf(c, row);
      let sealed: string;
      try {
        sealed = cipher.encrypt(cipher.decrypt(old, slot), slot);
      } catch {
        out.failed.push(row[c.pk]!);
        continue;
      }
      const res = await db.updateTable(c.table).set({ [c.column]: sealed }).where(c.pk, '=', row[c.pk]).where(c.column, '=', old).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) out.rotated++;
      else out.raced++;
    }
    after = rows[rows.length - 1]![c.pk]!;
    onBatch?.(out);
  }
  const left = await db.selectFrom(c.table).select((eb) => eb.fn.countAll<number>().as('n')).where(notActive(c, cipher.activeKeyId)).executeTakeFirstOrThrow();
  out.remaining = Number(left.n);
  return out;
}

/** One pass over every secret column. Run it again if `remaining` is not 0 (e.g. a process still on the old ENCRYPTION_KEY_ID wrote meanwhile). */
export async function rotateKeys(db: Db, cipher: Cipher, opts: { batchSize?: number; onBatch?: (r: ColumnRotation) => void } = {}): Promise<ColumnRotation[]> {
  const results: ColumnRotation[] = [];
  for (const c of SECRET_COLUMNS) results.push(await rotateColumn(db as unknown as Kysely<any>, cipher, c, opts.batchSize ?? 500, opts.onBatch));
  return results;
}
