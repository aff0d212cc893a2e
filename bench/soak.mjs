#!/usr/bin/env node
// Reliability soak: steady open-loop load on one model served by two deployments while one of
// them flaps (down 30 s, up 30 s) for the whole run. Measures the success rate (every request had
// a healthy path: deployment B never goes down, so the target is 100%), the latency added while
// failing over, the gateway's RSS over time (it should stay flat) and how fast the circuit
// breaker of the flapping deployment opens and closes.
//
//   npm run bench:soak                           # the full run: 11 min at 200 req/s
//   npm run bench:soak -- --duration 60          # a quick try
//   node bench/soak.mjs --flap-mode 503          # A answers 503 while "down" instead of refusing
//
// Everything runs on 127.0.0.1: two fake OpenAI upstreams (../shared/bench/fake-upstream.mjs) as
// child processes, the gateway (dist/main.js) as a child process with a YAML file written to a
// temp dir, and the load generator in this process. Results: bench/results/soak-<timestamp>/.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- options -------------------------------------------------------------------------------------
const DEFAULTS = {
  rate: 200, // requests per second, open loop
  duration: 660, // seconds of load
  warmup: 60, // seconds of load with A up before the first flap (RSS "start" is taken at its end)
  down: 30, // seconds A is down in each cycle
  up: 30, // seconds A is up in each cycle
  'flap-mode': 'refuse', // refuse: A's process is killed (connection refused); 503: A answers 503
  settle: 5, // seconds after each transition that still count as failover
  'stream-share': 0.2, // share of streamed requests
  delay: 20, // UPSTREAM_DELAY_MS of both fakes: time to the answer / first chunk
  'chunk-delay': 0, // UPSTREAM_CHUNK_DELAY_MS: pause between streamed chunks
  'sample-every': 5, // seconds between RSS / breaker samples
  'client-timeout': 30, // seconds before the load generator gives up on a request
  fake: path.resolve(ROOT, '../shared/bench/fake-upstream.mjs'),
  out: '',
};

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(
        'usage: node bench/soak.mjs [--rate N] [--duration S] [--warmup S] [--down S] [--up S]\n' +
          '  [--flap-mode refuse|503] [--settle S] [--stream-share F] [--delay MS] [--chunk-delay MS]\n' +
          '  [--sample-every S] [--client-timeout S] [--fake PATH] [--out DIR]\n' +
          `defaults: ${JSON.stringify(DEFAULTS)}`,
      );
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !(m[1] in DEFAULTS)) throw new Error(`unknown argument ${a} (try --help)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${a} needs a value`);
    o[m[1]] = typeof DEFAULTS[m[1]] === 'number' ? Number(value) : value;
    if (typeof DEFAULTS[m[1]] === 'number' && !(o[m[1]] >= 0))
      throw new Error(`${a} must be a number >= 0, got ${value}`);
  }
  if (!['refuse', '503'].includes(o['flap-mode'])) throw new Error('--flap-mode must be refuse or 503');
  if (!(o.rate > 0) || !(o.duration > 0)) throw new Error('--rate and --duration must be > 0');
  if (!(o.down > 0) || !(o.up > 0)) throw new Error('--down and --up must be > 0');
  if (o['stream-share'] > 1) throw new Error('--stream-share must be between 0 and 1');
  o.fake = path.resolve(o.fake);
  return o;
}

// ---- the "down" deployment that answers 503 (a child process running this file) ---------------------
// Started ahead of time and told on stdin when to listen, so that it takes over A's port within a
// millisecond of A's death (a fresh Node process would leave ~100 ms of refused connections).
function serve503(port) {
  const body = JSON.stringify({
    error: { message: 'soak: deployment A is down', type: 'server_error', param: null, code: null },
  });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 120_000;
  server.on('error', (e) => {
    console.error(`soak-503: ${e.message}`);
    process.exit(1);
  });
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => {
    if (d.includes('listen') && !server.listening)
      server.listen(port, '127.0.0.1', () => console.log(`soak-503 listening on 127.0.0.1:${port}`));
  });
  console.log('soak-503 ready');
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// ---- child processes ---------------------------------------------------------------------------------
const children = new Set();

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function killAll(signal) {
  for (const c of children) {
    try {
      process.kill(c.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** n distinct free ports (all held open together, so none is handed out twice) */
async function freePorts(n) {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve, reject) => {
          const s = net.createServer();
          s.on('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** spawns a process that prints "listening" once it serves; resolves with it (retries while the port is busy) */
async function spawnListening(args, env, what) {
  let lastErr = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const child = track(spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
    const ok = await new Promise((resolve) => {
      let out = '';
      const timer = setTimeout(() => resolve(false), 10_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('listening')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.stderr.on('data', (d) => {
        lastErr += d;
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ok) {
      child.stdout.resume();
      child.stderr.resume();
      return child;
    }
    try {
      child.kill('SIGKILL');
    } catch {}
    await sleep(100);
  }
  throw new Error(`${what} did not start: ${lastErr.slice(-500)}`);
}

/** resolves true once the child prints `text`, false if it exits first or after timeoutMs */
function waitForOutput(child, text, timeoutMs) {
  return new Promise((resolve) => {
    let out = '';
    const done = (v) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(v);
    };
    const onData = (d) => {
      out += d;
      if (out.includes(text)) done(true);
    };
    const onExit = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    child.stdout.on('data', onData);
    child.on('exit', onExit);
  });
}

function stopChild(child, signal = 'SIGTERM', graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {}
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill(signal);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

// ---- /proc --------------------------------------------------------------------------------------------
function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
  } catch {
    return null;
  }
}

// ---- small HTTP helpers -----------------------------------------------------------------------------
function getJson(port, urlPath, headers, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, json: JSON.parse(body) });
        } catch {
          resolve({ status: res.statusCode, json: null, body });
        }
      });
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

// ---- statistics ---------------------------------------------------------------------------------------
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function latencyStats(values) {
  const s = Float64Array.from(values).sort();
  return {
    n: s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : null,
  };
}

const ms = (v) => (v === null || v === undefined ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const mb = (kb) => (kb === null || kb === undefined ? '–' : (kb / 1024).toFixed(1));

/** least-squares slope of y over x */
function slope(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

function timestamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

function mdTable(rows) {
  const [head, ...rest] = rows;
  return [head, head.map(() => '---'), ...rest].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

// ---- the soak -------------------------------------------------------------------------------------------
async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.fake)) throw new Error(`fake upstream not found at ${o.fake} (use --fake PATH)`);
  const outDir = path.resolve(o.out || path.join(ROOT, 'bench', 'results', `soak-${timestamp()}`));
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-soak-'));

  if (!fs.existsSync(path.join(ROOT, 'dist', 'main.js'))) {
    console.log('dist/main.js missing: building');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }

  // first SIGINT: stop the load and report what was measured; second: leave at once
  let interrupted = false;
  let wakeLoad = () => {};
  process.on('SIGINT', () => {
    if (interrupted) {
      killAll('SIGKILL');
      process.exit(130);
    }
    interrupted = true;
    console.log('\ninterrupted: stopping the load and writing the report (Ctrl-C again to quit at once)');
    wakeLoad();
  });
  process.on('SIGTERM', () => {
    killAll('SIGKILL');
    process.exit(143);
  });
  process.on('exit', () => killAll('SIGKILL'));

  const [portA, portB] = await freePorts(2);
  const fakeEnv = (port) => ({
    ...process.env,
    UPSTREAM_HOST: '127.0.0.1',
    UPSTREAM_PORT: String(port),
    UPSTREAM_DELAY_MS: String(o.delay),
    UPSTREAM_CHUNK_DELAY_MS: String(o['chunk-delay']),
  });
  const startFake = (port, name) => spawnListening([o.fake], fakeEnv(port), `fake upstream ${name}`);
  /** a 503 responder for A's port, started and waiting for the word to listen */
  const prepare503 = async () => {
    const child = track(
      spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve-503', String(portA)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    if (!(await waitForOutput(child, 'ready', 10_000))) throw new Error('the 503 responder did not start');
    return child;
  };
  const activate503 = async (child) => {
    const listening = waitForOutput(child, 'listening', 5000);
    child.stdin.write('listen\n');
    if (!(await listening)) throw new Error(`the 503 responder could not listen on ${portA}`);
  };

  let upstreamA = await startFake(portA, 'A');
  const upstreamB = await startFake(portB, 'B');

  // ---- gateway -----------------------------------------------------------------------------------------
  const masterKey = 'sk-soak-master-key-0123456789';
  const configPath = path.join(work, 'switchyard.yaml');
  const config = `# written by bench/soak.mjs; everything not set here is at its default
providers:
  openai:
    api_key: sk-soak-upstream-a
    base_url: http://127.0.0.1:${portA}/v1
  openai-b:
    preset: openai
    api_key: sk-soak-upstream-b
    base_url: http://127.0.0.1:${portB}/v1
deployments:
  - name: soak-model
    strategy: latency
    targets:
      - { model: openai/gpt-4o-mini, weight: 1 }
      - { model: openai-b/gpt-4o-mini, weight: 1 }
`;
  fs.writeFileSync(configPath, config);
  fs.writeFileSync(path.join(outDir, 'switchyard.yaml'), config);
  const gwLogPath = path.join(outDir, 'gateway.log');
  const gwLog = fs.openSync(gwLogPath, 'w');
  const gwArgs = ['--max-semi-space-size=4', '--max-old-space-size=512', path.join(ROOT, 'dist', 'main.js')];
  // a clean environment: no provider keys or base URLs from the caller's shell switch presets on
  const gwEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? work,
    SWITCHYARD_CONFIG: configPath,
    SWITCHYARD_MASTER_KEY: masterKey,
    SWITCHYARD_LOG_LEVEL: 'warn',
    SWITCHYARD_DATA_DIR: path.join(work, 'data'),
    SWITCHYARD_HOST: '127.0.0.1',
  };
  const adminAgent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const auth = { authorization: `Bearer ${masterKey}` };
  let gateway;
  let portGw;
  let gatewayExited = null;
  // another process may take the free port before the gateway binds it: then try another one
  for (let tries = 1; ; tries++) {
    [portGw] = await freePorts(1);
    const child = track(
      spawn(process.execPath, gwArgs, {
        cwd: work,
        env: { ...gwEnv, SWITCHYARD_PORT: String(portGw) },
        stdio: ['ignore', gwLog, gwLog],
      }),
    );
    let exited = null;
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      if (child === gateway) gatewayExited = exited;
    });
    let ready = false;
    for (let i = 0; i <= 200 && !exited && !ready; i++) {
      try {
        ready = (await getJson(portGw, '/ready', {}, adminAgent)).status === 200;
      } catch {}
      if (!ready) await sleep(100);
    }
    if (ready) {
      gateway = child;
      break;
    }
    await stopChild(child, 'SIGKILL');
    const log = fs.readFileSync(gwLogPath, 'utf8');
    if (exited && log.includes('EADDRINUSE') && tries < 5) continue;
    throw new Error(
      exited
        ? `the gateway exited at start (${JSON.stringify(exited)}): see ${gwLogPath}`
        : 'the gateway did not become ready within 20 s',
    );
  }
  console.log(
    `soak: gateway pid ${gateway.pid} on 127.0.0.1:${portGw}; A = 127.0.0.1:${portA}, B = 127.0.0.1:${portB}; ` +
      `${o.rate} req/s for ${o.duration} s, A flaps (${o['flap-mode']}) ${o.down} s down / ${o.up} s up after ${o.warmup} s; ` +
      `results in ${outDir}`,
  );
  const idleRssKb = rssKb(gateway.pid);

  // ---- load --------------------------------------------------------------------------------------------
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, keepAliveMsecs: 1000 });
  const messages = [{ role: 'user', content: 'Write one sentence about railway switchyards.' }];
  const chatBody = JSON.stringify({ model: 'soak-model', messages, max_tokens: 64 });
  const streamBody = JSON.stringify({
    model: 'soak-model',
    messages,
    max_tokens: 64,
    stream: true,
    stream_options: { include_usage: true },
  });
  const baseHeaders = { ...auth, 'content-type': 'application/json' };
  const total = Math.round(o.rate * o.duration);
  const share = o['stream-share'];
  /** one record per request; t = scheduled start (ms since t0) */
  const records = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let maxLag = 0;
  let allSentFlag = false;
  const drained = () => inFlight === 0 && allSentFlag;
  let onDrained = () => {};
  /** aborted when the load ends: the flap and sample loops stop waiting */
  const loadOver = new AbortController();
  const pause = (msToWait) =>
    sleep(Math.max(0, msToWait), undefined, { signal: loadOver.signal }).then(
      () => true,
      () => false,
    );

  const loadAvgStart = os.loadavg();
  const t0 = performance.now();
  const wallT0 = Date.now();
  const now = () => performance.now() - t0;

  function fire(i, t) {
    const stream = Math.floor((i + 1) * share) > Math.floor(i * share);
    const body = stream ? streamBody : chatBody;
    const rec = {
      t,
      stream,
      status: 0,
      lat: null, // total for chat, TTFB for streams
      total: null,
      provider: '',
      lag: 0, // how late the load generator sent it
      overhead: null, // x-switchyard-overhead-ms: the gateway's own time, failed attempts included
      attempts: 0,
      ok: false,
      err: '',
    };
    records.push(rec);
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    const lag = now() - t;
    rec.lag = lag;
    if (lag > maxLag) maxLag = lag;
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      rec.total = now() - t;
      if (rec.lat === null) rec.lat = rec.total;
      if (err) rec.err = err;
      else rec.ok = true;
      inFlight--;
      if (drained()) onDrained();
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port: portGw,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { ...baseHeaders, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        rec.status = res.statusCode;
        rec.provider = res.headers['x-switchyard-provider'] ?? '';
        rec.attempts = Number(res.headers['x-switchyard-attempts'] ?? 0);
        const overhead = res.headers['x-switchyard-overhead-ms'];
        if (overhead !== undefined) rec.overhead = Number(overhead);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          if (text === '' && stream) rec.lat = now() - t;
          text += d;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            let code = '';
            try {
              const e = JSON.parse(text).error;
              code = e?.code ?? e?.type ?? '';
            } catch {}
            return finish(`http_${res.statusCode}${code ? `:${code}` : ''}`);
          }
          if (stream) {
            if (/^data: *\{"error"/m.test(text) || /^event: *error/m.test(text))
              return finish('stream_error_event');
            if (!text.includes('data: [DONE]')) return finish('stream_without_done');
            return finish();
          }
          try {
            const j = JSON.parse(text);
            if (!Array.isArray(j.choices) || j.choices.length === 0) return finish('chat_without_choices');
          } catch {
            return finish('chat_malformed_json');
          }
          finish();
        });
        res.on('error', (e) => finish(`response_${e.code ?? e.message}`));
        res.on('aborted', () => finish('response_aborted'));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('client_timeout')), o['client-timeout'] * 1000);
    req.on('error', (e) =>
      finish(e.message === 'client_timeout' ? 'client_timeout' : `socket_${e.code ?? e.message}`),
    );
    req.end(body);
  }

  let issued = 0;
  const loadDone = new Promise((resolve) => {
    const stopLoad = () => {
      clearInterval(ticker);
      allSentFlag = true;
      loadOver.abort();
      resolve();
    };
    wakeLoad = stopLoad;
    const ticker = setInterval(() => {
      if (interrupted || gatewayExited) return stopLoad();
      const due = Math.min(total, Math.floor((now() * o.rate) / 1000) + 1);
      while (issued < due) {
        fire(issued, (issued * 1000) / o.rate);
        issued++;
      }
      if (issued >= total) stopLoad();
    }, 1);
  });

  // ---- flapping A ------------------------------------------------------------------------------------
  /** effective transitions of A: { t, to: 'down' | 'up' } (ms since t0) */
  const transitions = [];
  const flapLog = [];
  let aDownServer = null;
  let next503 = o['flap-mode'] === '503' ? await prepare503() : null;
  const flapping = (async () => {
    const cycle = (o.down + o.up) * 1000;
    for (let k = 0; ; k++) {
      const downAt = o.warmup * 1000 + k * cycle;
      const upAt = downAt + o.down * 1000;
      if (downAt >= o.duration * 1000) return;
      if (!(await pause(downAt - now()))) return;
      const requested = now();
      await stopChild(upstreamA, 'SIGKILL');
      // A is down from the moment its process is gone (in 503 mode, refused until the responder listens)
      const downEffective = now();
      transitions.push({ t: downEffective, to: 'down' });
      if (next503) {
        aDownServer = next503;
        next503 = null;
        await activate503(aDownServer);
      }
      flapLog.push({
        cycle: k,
        event: 'down',
        requestedMs: requested,
        effectiveMs: downEffective,
        mode: o['flap-mode'],
        ...(aDownServer ? { answering503Ms: now() } : {}),
      });
      if (upAt >= o.duration * 1000) return;
      if (!(await pause(upAt - now()))) return;
      const requestedUp = now();
      if (aDownServer) {
        await stopChild(aDownServer, 'SIGKILL');
        aDownServer = null;
      }
      upstreamA = await startFake(portA, 'A');
      transitions.push({ t: now(), to: 'up' });
      flapLog.push({ cycle: k, event: 'up', requestedMs: requestedUp, effectiveMs: now() });
      if (o['flap-mode'] === '503') next503 = await prepare503();
    }
  })();

  // ---- samples: RSS, CPU and the breakers -----------------------------------------------------------
  const samples = [];
  const deploymentIdA = 'openai/gpt-4o-mini';
  const deploymentIdB = 'openai-b/gpt-4o-mini';
  const pick = (d) =>
    d && {
      state: d.breaker.state,
      reason: d.breaker.reason ?? null,
      openedAtMs: d.breaker.openedAt !== undefined ? d.breaker.openedAt - wallT0 : null,
      cooldownMs: d.breaker.cooldownMs,
      consecutiveFailures: d.breaker.consecutiveFailures,
      errorRate: Number(d.breaker.errorRate.toFixed(3)),
      inFlight: d.health.inFlight,
      latencyEwmaMs: d.health.latencyEwmaMs === null ? null : Number(d.health.latencyEwmaMs.toFixed(2)),
      requests: d.health.requests,
      failures: d.health.failures,
    };
  async function sample(label) {
    const s = { t: now(), label, rssKb: rssKb(gateway.pid), cpuS: cpuSeconds(gateway.pid), a: null, b: null };
    try {
      const r = await getJson(portGw, '/admin/v1/deployments', auth, adminAgent);
      const ds = r.json?.deployments ?? [];
      s.a = pick(ds.find((d) => d.id === deploymentIdA));
      s.b = pick(ds.find((d) => d.id === deploymentIdB));
    } catch (e) {
      s.adminError = e.message;
    }
    samples.push(s);
    return s;
  }
  await sample('start');
  let warmupSample = null;
  const sampler = (async () => {
    for (let k = 1; ; k++) {
      const at = k * o['sample-every'] * 1000;
      if (!(await pause(at - now()))) return;
      const s = await sample('load');
      if (!warmupSample && s.t >= o.warmup * 1000 - 1) warmupSample = s;
      const last = records.length;
      const failed = records.reduce((n, r) => n + (r.total !== null && !r.ok ? 1 : 0), 0);
      process.stdout.write(
        `t=${(s.t / 1000).toFixed(0).padStart(4)} s  sent ${String(last).padStart(7)}  failed ${failed}  ` +
          `in flight ${inFlight}  RSS ${mb(s.rssKb)} MB  A ${s.a?.state ?? '?'}${s.a?.reason ? ` (${s.a.reason})` : ''}\n`,
      );
    }
  })();

  await loadDone;
  const loadEnd = now();
  // let the requests in flight finish (each gives up after --client-timeout)
  await new Promise((r) => {
    const giveUp = setTimeout(r, o['client-timeout'] * 1000 + 2000);
    onDrained = () => {
      clearTimeout(giveUp);
      r();
    };
    if (drained()) onDrained();
  });
  await Promise.all([sampler, flapping]);
  const endSample = await sample('end');
  if (!warmupSample) warmupSample = samples.find((s) => s.t >= o.warmup * 1000 - 1) ?? endSample;
  const endTime = now();

  // ---- stop everything ---------------------------------------------------------------------------
  const exitedDuringRun = gatewayExited;
  agent.destroy();
  adminAgent.destroy();
  await Promise.all([
    stopChild(gateway, 'SIGTERM', 10_000),
    stopChild(upstreamA),
    stopChild(upstreamB),
    stopChild(aDownServer, 'SIGKILL'),
    stopChild(next503, 'SIGKILL'),
  ]);
  fs.closeSync(gwLog);
  fs.rmSync(work, { recursive: true, force: true });

  // ---- analysis ------------------------------------------------------------------------------------
  const settleMs = o.settle * 1000;
  const warmupMs = o.warmup * 1000;
  /** A's state and time since the last transition at time t */
  function phaseAt(t) {
    let down = false;
    let since = Number.POSITIVE_INFINITY;
    let lastTo = null;
    let count = 0;
    for (const tr of transitions) {
      if (tr.t > t) break;
      down = tr.to === 'down';
      since = t - tr.t;
      lastTo = tr.to;
      count++;
    }
    return { down, since, lastTo, count };
  }
  /** the window of a request: by its start, unless A flapped while it was in flight */
  function windowOf(r) {
    const t = r.t;
    const p = phaseAt(t);
    const end = phaseAt(t + (r.total ?? 0));
    if (end.count !== p.count) return end.down ? 'down_first_5s' : 'up_first_5s';
    if (p.lastTo === null) return t < warmupMs ? 'warmup' : 'steady';
    if (p.down) return p.since < settleMs ? 'down_first_5s' : 'down_rest';
    return p.since < settleMs ? 'up_first_5s' : 'steady';
  }
  const finished = records.filter((r) => r.total !== null);
  const unfinished = records.length - finished.length;
  const ok = finished.filter((r) => r.ok);
  const failures = {};
  for (const r of records) {
    const kind = r.total === null ? 'no_answer_by_end' : r.ok ? null : r.err;
    if (kind) failures[kind] = (failures[kind] ?? 0) + 1;
  }
  const groups = { warmup: [], steady: [], down_first_5s: [], down_rest: [], up_first_5s: [] };
  for (const r of finished) groups[windowOf(r)].push(r);
  const failover = [...groups.down_first_5s, ...groups.down_rest, ...groups.up_first_5s];
  /** the requests whose first attempt failed and that were answered by another deployment */
  const retriedAll = finished.filter((r) => r.attempts > 1);
  const lat = (rs, f = () => true) => latencyStats(rs.filter((r) => r.ok && f(r)).map((r) => r.lat));
  const isChat = (r) => !r.stream;
  const isStream = (r) => r.stream;
  /** the gateway's own time (x-switchyard-overhead-ms) and the load generator's send lag */
  const extra = (rs) => ({
    overhead: latencyStats(rs.filter((r) => r.ok && r.overhead !== null).map((r) => r.overhead)),
    sendLag: latencyStats(rs.map((r) => r.lag)),
  });
  const windows = {
    steady: {
      all: lat(groups.steady),
      chat: lat(groups.steady, isChat),
      stream: lat(groups.steady, isStream),
      ...extra(groups.steady),
    },
    failover: {
      all: lat(failover),
      chat: lat(failover, isChat),
      stream: lat(failover, isStream),
      ...extra(failover),
    },
    down_first_5s: { all: lat(groups.down_first_5s), ...extra(groups.down_first_5s) },
    down_rest: { all: lat(groups.down_rest), ...extra(groups.down_rest) },
    up_first_5s: { all: lat(groups.up_first_5s), ...extra(groups.up_first_5s) },
    warmup: { all: lat(groups.warmup), ...extra(groups.warmup) },
    retried: { all: lat(retriedAll), ...extra(retriedAll) },
  };
  const count = (rs) => ({
    requests: rs.length,
    failed: rs.filter((r) => !r.ok).length,
    retried: rs.filter((r) => r.attempts > 1).length,
    servedByA: rs.filter((r) => r.provider === 'openai').length,
  });
  const windowCounts = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, count(v)]));
  windowCounts.failover = count(failover);
  windowCounts.retried = count(retriedAll);

  // breaker timeline per cycle
  const cycles = [];
  /** A took traffic again after the previous outage (else its breaker never closed in between) */
  let closedSincePrevious = true;
  for (let i = 0; i < transitions.length; i++) {
    const tr = transitions[i];
    if (tr.to !== 'down') continue;
    const downAt = tr.t;
    const up = transitions[i + 1];
    const upAt = up ? up.t : null;
    const nextDown = transitions[i + 2]?.t ?? Number.POSITIVE_INFINITY;
    // the first opening of this outage: the earliest openedAt the samples saw (a failed probe
    // re-opens the breaker and moves openedAt on)
    const opened = samples
      .filter(
        (s) =>
          s.t >= downAt &&
          s.t < nextDown &&
          s.a &&
          s.a.state !== 'closed' &&
          s.a.openedAtMs !== null &&
          s.a.openedAtMs >= downAt - 50,
      )
      .sort((x, y) => x.a.openedAtMs - y.a.openedAtMs)[0];
    // requests in flight at any moment while A was down
    const inDown = finished.filter((r) => r.t + r.total >= downAt && (upAt === null || r.t < upAt));
    const retriedInDown = inDown.filter((r) => r.attempts > 1);
    // failures at A after the first second are half-open probes
    const probes = retriedInDown.filter((r) => r.t >= downAt + 1000).length;
    let closedAfterMs = null;
    if (upAt !== null) {
      const back = finished.find((r) => r.t + r.total >= upAt && r.provider === 'openai' && r.t < nextDown);
      if (back) closedAfterMs = back.t + back.total - upAt;
    }
    cycles.push({
      downAtMs: Math.round(downAt),
      upAtMs: upAt === null ? null : Math.round(upAt),
      breakerOpenedAfterMs: opened && closedSincePrevious ? Math.round(opened.a.openedAtMs - downAt) : null,
      openReason: closedSincePrevious ? (opened?.a.reason ?? null) : 'still open',
      requestsRetriedOnB: retriedInDown.length,
      retriedInFirstSecond: retriedInDown.length - probes,
      failedProbes: probes,
      servedByAAgainAfterMs: closedAfterMs === null ? null : Math.round(closedAfterMs),
      failed: inDown.filter((r) => !r.ok).length,
    });
    closedSincePrevious = closedAfterMs !== null;
  }
  const avg = (xs) => {
    const v = xs.filter((x) => x !== null && x !== undefined);
    return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
  };
  const range = (xs) => {
    const v = xs.filter((x) => x !== null && x !== undefined);
    return v.length ? [Math.min(...v), Math.max(...v)] : null;
  };
  const openAfter = cycles.map((c) => c.breakerOpenedAfterMs);
  const closeAfter = cycles.map((c) => c.servedByAAgainAfterMs);

  const afterWarmup = samples.filter((s) => s.t >= warmupSample.t && s.rssKb !== null);
  const rssValues = afterWarmup.map((s) => s.rssKb);
  const rssSlope = slope(
    afterWarmup.filter((s) => s.label === 'load').map((s) => [s.t / 60_000, s.rssKb / 1024]),
  );
  const lastLoadSample = samples.filter((s) => s.label === 'load').at(-1) ?? endSample;
  const cpuUsed =
    endSample.cpuS !== null && samples[0].cpuS !== null ? endSample.cpuS - samples[0].cpuS : null;
  // per request after the warm-up (JIT compilation and pool start-up excluded)
  const cpuAfterWarmup =
    endSample.cpuS !== null && warmupSample.cpuS !== null ? endSample.cpuS - warmupSample.cpuS : null;
  const requestsAfterWarmup = records.filter((r) => r.t >= warmupSample.t).length;

  const successRate = records.length ? ok.length / records.length : 0;
  const diff = (a, b) => (a === null || b === null ? null : a - b);
  const addedP99 = diff(windows.failover.all.p99, windows.steady.all.p99);
  const addedP50 = diff(windows.failover.all.p50, windows.steady.all.p50);
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {}
  const summary = {
    command: `node bench/soak.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    options: o,
    startedAt: new Date(wallT0).toISOString(),
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      commit,
      gatewayCommand: `node ${gwArgs.map((a) => path.relative(ROOT, a) || a).join(' ')}`,
      logLevel: 'warn',
      // other work on the machine shows in the latency tails: the load averages at start and end
      loadAverageStart: loadAvgStart,
      loadAverageEnd: os.loadavg(),
    },
    interrupted,
    gatewayExited: exitedDuringRun,
    loadSeconds: loadEnd / 1000,
    requests: {
      scheduled: total,
      sent: records.length,
      finished: finished.length,
      unfinished,
      succeeded: ok.length,
      failed: records.length - ok.length,
      successRate,
      failuresByKind: failures,
      maxInFlight,
      maxSendLagMs: maxLag,
      servedByA: ok.filter((r) => r.provider === 'openai').length,
      servedByB: ok.filter((r) => r.provider === 'openai-b').length,
      retried: finished.filter((r) => r.attempts > 1).length,
    },
    latencyMs: windows,
    addedLatencyDuringFailoverMs: { p50: addedP50, p99: addedP99 },
    addedOverheadDuringFailoverMs: {
      p50: diff(windows.failover.overhead.p50, windows.steady.overhead.p50),
      p99: diff(windows.failover.overhead.p99, windows.steady.overhead.p99),
    },
    windowCounts,
    rss: {
      idleMb: idleRssKb / 1024,
      startMb: warmupSample.rssKb / 1024,
      startAtS: warmupSample.t / 1000,
      minMb: Math.min(...rssValues) / 1024,
      maxMb: Math.max(...rssValues) / 1024,
      lastUnderLoadMb: lastLoadSample.rssKb / 1024,
      endMb: endSample.rssKb / 1024,
      slopeMbPerMin: rssSlope,
    },
    gatewayCpu: {
      seconds: cpuUsed,
      perThousandRequestsAfterWarmup:
        cpuAfterWarmup === null || requestsAfterWarmup === 0
          ? null
          : (cpuAfterWarmup / requestsAfterWarmup) * 1000,
    },
    breaker: {
      openedAfterMs: { mean: avg(openAfter), range: range(openAfter) },
      servedByAAgainAfterMs: { mean: avg(closeAfter), range: range(closeAfter) },
      cycles,
    },
    flapLog,
    samples,
    endedAtS: endTime / 1000,
  };
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
  const csv = [
    't_ms,stream,status,latency_ms,total_ms,overhead_ms,send_lag_ms,provider,attempts,ok,error,window',
  ];
  for (const r of records)
    csv.push(
      [
        r.t.toFixed(1),
        r.stream ? 1 : 0,
        r.status,
        r.lat === null ? '' : r.lat.toFixed(3),
        r.total === null ? '' : r.total.toFixed(3),
        r.overhead ?? '',
        r.lag.toFixed(3),
        r.provider,
        r.attempts,
        r.ok ? 1 : 0,
        r.err,
        windowOf(r),
      ].join(','),
    );
  fs.writeFileSync(path.join(outDir, 'requests.csv'), csv.join('\n') + '\n');

  // ---- report --------------------------------------------------------------------------------------
  const pct = (x) => `${(x * 100).toFixed(3)}%`;
  const latRow = (name, w, s, c) => [
    name,
    c ? c.requests : s.n,
    c ? c.failed : '',
    ms(s.p50),
    ms(s.p90),
    ms(s.p99),
    ms(s.max),
    w ? `${ms(w.overhead.p50)} / ${ms(w.overhead.p99)}` : '',
    w ? ms(w.sendLag.p99) : '',
    c ? c.retried : '',
    c ? `${((c.servedByA / Math.max(1, c.requests)) * 100).toFixed(1)}%` : '',
  ];
  const latRows = [
    [
      'window',
      'requests',
      'failed',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'gateway overhead p50 / p99 ms',
      'send lag p99 ms',
      'retried',
      'served by A',
    ],
    latRow(
      `steady (A up, ≥ ${o.settle} s after a flap)`,
      windows.steady,
      windows.steady.all,
      windowCounts.steady,
    ),
    latRow('↳ chat total', null, windows.steady.chat),
    latRow('↳ stream TTFB', null, windows.steady.stream),
    latRow(
      `failover (A down, and ${o.settle} s after each flap)`,
      windows.failover,
      windows.failover.all,
      windowCounts.failover,
    ),
    latRow('↳ chat total', null, windows.failover.chat),
    latRow('↳ stream TTFB', null, windows.failover.stream),
    latRow(
      `↳ first ${o.settle} s after A went down`,
      windows.down_first_5s,
      windows.down_first_5s.all,
      windowCounts.down_first_5s,
    ),
    latRow('↳ rest of A down', windows.down_rest, windows.down_rest.all, windowCounts.down_rest),
    latRow(
      `↳ first ${o.settle} s after A came back`,
      windows.up_first_5s,
      windows.up_first_5s.all,
      windowCounts.up_first_5s,
    ),
    latRow('warm-up (before the first flap)', windows.warmup, windows.warmup.all, windowCounts.warmup),
    latRow(
      'requests that failed over (attempts > 1)',
      windows.retried,
      windows.retried.all,
      windowCounts.retried,
    ),
  ];
  const failureText = Object.keys(failures).length
    ? Object.entries(failures)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
    : 'none';
  const r1 = (x) => (x === null || x === undefined ? '–' : Math.round(x));
  const openRange = summary.breaker.openedAfterMs.range;
  const closeRange = summary.breaker.servedByAAgainAfterMs.range;
  const headline = [
    ['total requests', records.length],
    ['succeeded', ok.length],
    ['failed', `${records.length - ok.length} (${failureText})`],
    ['success rate', pct(successRate)],
    ['retried on B (x-switchyard-attempts > 1)', summary.requests.retried],
    ['added p50 / p99 during failover', `${ms(addedP50)} / ${ms(addedP99)} ms`],
    [
      'added gateway overhead p50 / p99 during failover',
      `${ms(summary.addedOverheadDuringFailoverMs.p50)} / ${ms(summary.addedOverheadDuringFailoverMs.p99)} ms`,
    ],
    [
      'RSS idle / start (after warm-up) / min / max / end',
      `${mb(idleRssKb)} / ${mb(warmupSample.rssKb)} / ${mb(Math.min(...rssValues))} / ${mb(Math.max(...rssValues))} / ${mb(endSample.rssKb)} MB`,
    ],
    ['RSS trend under load (least squares)', rssSlope === null ? '–' : `${rssSlope.toFixed(3)} MB/min`],
    [
      'breaker opened after A went down',
      `mean ${r1(summary.breaker.openedAfterMs.mean)} ms (${openRange ? `${r1(openRange[0])}–${r1(openRange[1])}` : '–'} ms), ${cycles.length} flaps`,
    ],
    [
      'A served traffic again after it came back',
      `mean ${ms(summary.breaker.servedByAAgainAfterMs.mean === null ? null : summary.breaker.servedByAAgainAfterMs.mean / 1000)} s (${closeRange ? `${(closeRange[0] / 1000).toFixed(1)}–${(closeRange[1] / 1000).toFixed(1)}` : '–'} s)`,
    ],
    [
      'gateway CPU',
      cpuUsed === null
        ? '–'
        : `${cpuUsed.toFixed(1)} s in all (${ms(summary.gatewayCpu.perThousandRequestsAfterWarmup)} s per 1k requests after warm-up)`,
    ],
    ['load generator: max send lag / max in flight', `${ms(maxLag)} ms / ${maxInFlight}`],
  ];
  const cycleRows = [
    [
      'flap',
      'A down at s',
      'breaker open after ms',
      'reason',
      'retried on B',
      'failed probes',
      'A serves again after s',
      'failed',
    ],
    ...cycles.map((c, i) => [
      i + 1,
      (c.downAtMs / 1000).toFixed(1),
      r1(c.breakerOpenedAfterMs),
      c.openReason ?? '–',
      c.requestsRetriedOnB,
      c.failedProbes,
      c.servedByAAgainAfterMs === null ? '–' : (c.servedByAAgainAfterMs / 1000).toFixed(1),
      c.failed,
    ]),
  ];
  const rssRows = [
    ['t s', 'RSS MB', 'A breaker', 'A cooldown ms', 'B breaker'],
    ...samples.map((s) => [
      (s.t / 1000).toFixed(0),
      mb(s.rssKb),
      s.a ? `${s.a.state}${s.a.reason ? ` (${s.a.reason})` : ''}` : '?',
      s.a?.cooldownMs ?? '–',
      s.b ? s.b.state : '?',
    ]),
  ];
  console.log(`\n${table(headline)}\n\n${table(latRows)}\n\n${table(cycleRows)}\n`);
  console.log(`results: ${outDir}`);

  const md = `# Reliability soak, ${summary.startedAt}

Command: \`${summary.command}\` (gateway: \`${summary.environment.gatewayCommand}\`, log level warn;
${os.cpus().length} vCPU ${summary.environment.cpuModel ?? ''}, Node ${process.version}${commit ? `, commit ${commit}` : ''};
load average ${loadAvgStart.map((x) => x.toFixed(2)).join(' ')} at the start, ${summary.environment.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')} at the end).
${o.rate} req/s open loop for ${o.duration} s (${Math.round(share * 100)}% streamed), model \`soak-model\` =
\`openai/gpt-4o-mini\` (A) + \`openai-b/gpt-4o-mini\` (B), strategy latency, weight 1 each. Fake upstreams
answer after ${o.delay} ms. A flaps (${o['flap-mode'] === 'refuse' ? 'process killed: connection refused' : 'answers 503'})
${o.down} s down / ${o.up} s up from t = ${o.warmup} s. Latency = total for chat, time to first byte for streams,
from each request's scheduled start.${interrupted ? '\n\n**Interrupted before the end.**' : ''}

${mdTable([['', ''], ...headline])}

${mdTable(latRows)}

${mdTable(cycleRows)}

Windows are assigned by each request's scheduled start; a request in flight when A flapped counts
in that flap's first 5 s. "gateway overhead" is \`x-switchyard-overhead-ms\` (the gateway's own time,
failed attempts included); "send lag" is how late the load generator sent the request. "retried" =
answered with \`x-switchyard-attempts\` > 1. "A serves again after" = from A listening again to the
first answer A served (the half-open probe that closes the breaker).

<details><summary>RSS and breaker samples</summary>

${mdTable(rssRows)}

</details>
`;
  fs.writeFileSync(path.join(outDir, 'report.md'), md);
  if (exitedDuringRun && !interrupted) {
    console.error(`the gateway exited during the run: ${JSON.stringify(exitedDuringRun)}`);
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--serve-503') serve503(Number(process.argv[3]));
else
  main().catch((e) => {
    console.error(`soak: ${e.stack ?? e.message}`);
    killAll('SIGKILL');
    process.exit(1);
  });
