#!/usr/bin/env node
// Prepares a governed benchmark: through the admin API of a running gateway (master key), creates
// a prepaid org with 1,000,000 USD of credit, org rate limits, a project, a virtual key with
// rpm/tpm/concurrency limits and a hard daily budget — every limit far above what a benchmark can
// reach, so nothing is refused but every check runs — and prints the new key on stdout.
// Usage: node bench/governed-setup.mjs <gateway base URL> <master key>
const [base, master] = process.argv.slice(2);
if (!base || !master) {
  console.error('usage: node bench/governed-setup.mjs <gateway base URL> <master key>');
  process.exit(2);
}
const url = new URL(base);
if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
  console.error(`refusing a gateway that is not on this machine: ${base}`);
  process.exit(2);
}

/** one admin call; any non-2xx answer stops the setup */
async function admin(method, path, body) {
  const r = await fetch(new URL(`/admin/v1${path}`, base), {
    method,
    headers: { authorization: `Bearer ${master}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const HIGH_RPM = 1_000_000_000;
const HIGH_TPM = 1_000_000_000_000;
const HIGH_CONCURRENCY = 100_000;

const org = await admin('POST', '/orgs', { name: 'bench-governed', prepaid: true });
await admin('POST', `/orgs/${org.id}/credits/topups`, { usd: '1000000', note: 'benchmark' });
await admin('PUT', `/orgs/${org.id}/rate-limits`, {
  scope: 'org',
  rpm: HIGH_RPM,
  tpm: HIGH_TPM,
  max_concurrency: HIGH_CONCURRENCY,
});
const project = await admin('POST', `/orgs/${org.id}/projects`, { name: 'bench' });
const key = await admin('POST', `/orgs/${org.id}/keys`, {
  name: 'bench-governed',
  project_id: project.id,
  rpm_limit: HIGH_RPM,
  tpm_limit: HIGH_TPM,
  max_concurrency: HIGH_CONCURRENCY,
});
await admin('POST', `/orgs/${org.id}/budgets`, {
  scope: 'key',
  scope_id: key.id,
  period: 'day',
  limit_usd: '1000000',
  mode: 'hard',
});
console.error(`governed bench: org ${org.id}, project ${project.id}, key ${key.id} (${key.prefix ?? ''})`);
process.stdout.write(`${key.key}\n`);
