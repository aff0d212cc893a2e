// The admin API as the load and crash tests call it: over HTTP with the master key, failing
// loudly on any unexpected status. Money travels as nano-USD strings and is summed in bigint.
import OpenAI from 'openai';
import { LOAD_MASTER_KEY, LOAD_MODEL } from './load-gateway-config.js';

export interface AdminClient {
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    expect?: number,
  ): Promise<T>;
}

export function adminClient(url: string): AdminClient {
  return {
    async call(method, path, body, expect) {
      const r = await fetch(`${url}/admin/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${LOAD_MASTER_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      const want = expect ?? (method === 'POST' ? 201 : 200);
      if (r.status !== want) throw new Error(`${method} ${path}: ${r.status} (wanted ${want}) ${text}`);
      return JSON.parse(text);
    },
  };
}

/** nano-USD as the admin API's decimal USD string (9 decimals: exact) */
export function nanosToUsd(nanos: bigint | number): string {
  const n = BigInt(nanos);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return `${sign}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
}

export interface PaidOrg {
  orgId: string;
  projectId: string;
}

/** a prepaid org with a project, topped up by `topupNanos` */
export async function createPaidOrg(admin: AdminClient, name: string, topupNanos: bigint): Promise<PaidOrg> {
  const org = await admin.call<{ id: string }>('POST', '/orgs', { name, prepaid: true });
  const project = await admin.call<{ id: string }>('POST', `/orgs/${org.id}/projects`, { name: 'load' });
  await admin.call('POST', `/orgs/${org.id}/credits/topups`, { usd: nanosToUsd(topupNanos) });
  return { orgId: org.id, projectId: project.id };
}

export async function createKey(admin: AdminClient, org: PaidOrg, name: string) {
  const k = await admin.call<{ id: string; key: string }>('POST', `/orgs/${org.orgId}/keys`, {
    name,
    project_id: org.projectId,
  });
  return { keyId: k.id, key: k.key };
}

/** a hard budget over the key's whole life */
export async function setKeyBudget(admin: AdminClient, orgId: string, keyId: string, limitNanos: bigint) {
  return admin.call<{ id: string }>('POST', `/orgs/${orgId}/budgets`, {
    scope: 'key',
    scope_id: keyId,
    period: 'total',
    limit_usd: nanosToUsd(limitNanos),
    mode: 'hard',
  });
}

/** the org account's stored balance (GET credits) */
export async function orgBalance(admin: AdminClient, orgId: string): Promise<bigint> {
  const r = await admin.call<{ data: { scope: string; id: string; balance_nanos: string }[] }>(
    'GET',
    `/orgs/${orgId}/credits`,
  );
  const org = r.data.find((a) => a.scope === 'org' && a.id === orgId);
  if (!org) throw new Error(`no org account in ${JSON.stringify(r)}`);
  return BigInt(org.balance_nanos);
}

export interface LedgerRow {
  kind: string;
  amount_nanos: string;
  request_id: string | null;
  account: { scope: string; id: string };
}

/** every ledger entry of the org, all pages */
export async function ledgerOf(admin: AdminClient, orgId: string): Promise<LedgerRow[]> {
  const out: LedgerRow[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
    const page: { data: LedgerRow[]; next_cursor: string | null } = await admin.call(
      'GET',
      `/orgs/${orgId}/ledger${q}`,
    );
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

export const sumNanos = (rows: { amount_nanos: string }[]) =>
  rows.reduce((s, r) => s + BigInt(r.amount_nanos), 0n);

/** the small fixed request every load test sends */
export const LOAD_REQUEST = {
  model: LOAD_MODEL,
  messages: [{ role: 'user' as const, content: 'Hi' }],
  max_tokens: 4,
};

/** the largest request body a load client sent (the gateway's prompt bound is its byte size) */
export const sentBodies = { maxBytes: 0 };

export function loadClient(url: string, key: string): OpenAI {
  return new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: key,
    maxRetries: 0,
    timeout: 60_000,
    fetch: (input, init) => {
      if (typeof init?.body === 'string')
        sentBodies.maxBytes = Math.max(sentBodies.maxBytes, Buffer.byteLength(init.body));
      return fetch(input, init);
    },
  });
}

export interface Answer {
  status: number;
  code?: string | null;
  type?: string;
  requestId?: string | null;
}

/** one chat call; an API error is an answer too (its status, code and type) */
export async function send(client: OpenAI): Promise<Answer> {
  try {
    const { response } = await client.chat.completions.create(LOAD_REQUEST).withResponse();
    return { status: response.status, requestId: response.headers.get('x-request-id') };
  } catch (e) {
    if (e instanceof OpenAI.APIError && e.status !== undefined)
      return { status: e.status, code: e.code, type: e.type, requestId: e.requestID ?? null };
    return { status: 0, code: String(e) };
  }
}

export function countBy(answers: Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const k = a.status === 200 ? '200' : `${a.status} ${a.code ?? ''}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
