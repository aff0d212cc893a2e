// Reading what the gateway stored: usage events of a key (after the off-path settlements ran
// and the usage writer stored their events), and the live credit / budget counters.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/tables.js';

export interface StoredEvent {
  id: string;
  status: number;
  cost: bigint;
  charged: bigint;
}

export async function storedEvents(db: Kysely<Database>, keyId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('usage_events')
    .select(['id', 'status', 'cost_nanos', 'charged_nanos'])
    .where('key_id', '=', keyId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: Number(r.status),
    cost: BigInt(String(r.cost_nanos)),
    charged: BigInt(String(r.charged_nanos)),
  }));
}

/**
 * Flushes the usage writer until `expected` events of the key are stored (settlements run after
 * the answer, so the last ones may still be on their way), then once more to see no extra ones.
 */
export async function waitForStored(
  flush: () => Promise<unknown>,
  db: Kysely<Database>,
  keyId: string,
  expected: number,
  timeoutMs = 20_000,
): Promise<StoredEvent[]> {
  const start = Date.now();
  for (;;) {
    await flush();
    const rows = await storedEvents(db, keyId);
    if (rows.length >= expected) {
      await sleep(100);
      await flush();
      return storedEvents(db, keyId);
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`only ${rows.length} of ${expected} usage events of ${keyId} stored`);
    await sleep(50);
  }
}

export const sum = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);
