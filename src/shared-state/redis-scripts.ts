// The Lua scripts behind RedisSharedState: each multi-key operation is one script, so it is
// atomic across every gateway instance on the same Redis. Conventions:
//   - time is the Redis server's clock (TIME), so instances with skewed clocks agree on expiry;
//   - amounts travel as the caller's decimal strings and reach INCRBY/DECRBY unchanged (Lua
//     numbers are doubles and print with 14 digits: never format an amount from a Lua number);
//     comparisons against caps use doubles, exact below 2^53;
//   - a reservation is a field of one hash (id → JSON list of [counter key, amount, keep]) plus a
//     member of one sorted set scored by its expiry, so the sweep finds expired ones in order.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * give back every non-keep take of a decoded reservation, correcting to `actual` (key → amount
 * string) when given; counters that no longer exist (expired windows, deleted) stay absent
 */
const GIVE_BACK = `local function give_back(takes, actual)
  local applied = {}
  for _, tk in ipairs(takes) do
    if tk[3] == 0 then
      local key = tk[1]
      if redis.call('EXISTS', key) == 1 then
        redis.call('DECRBY', key, tk[2])
        local a = actual[key]
        if a ~= nil and not applied[key] then
          applied[key] = true
          redis.call('INCRBY', key, a)
        end
      end
    end
  end
end`;

/**
 * KEYS: reservations hash, expiry zset, then the n take counters, then any limit counters
 * ARGV: id, ttlMs, n, then per take: amount, limit ('' = none), limit key index in KEYS (0 = none),
 *       window ttl ('' = none), keep (0/1)
 * → {1, v1, v2, …} or {0, index (0-based), value, limit, resetMs (-1 = not a window)}
 */
export const RESERVE = `${NOW}
local id = ARGV[1]
local ttl = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local pending = {}
local function value_of(key)
  return tonumber(redis.call('GET', key) or '0') + (pending[key] or 0)
end
for i = 1, n do
  local b = 3 + (i - 1) * 5
  local key = KEYS[2 + i]
  local amount = tonumber(ARGV[b + 1])
  local lk = tonumber(ARGV[b + 3])
  local cur = value_of(key)
  local cap = nil
  if lk > 0 then cap = value_of(KEYS[lk]) elseif ARGV[b + 2] ~= '' then cap = tonumber(ARGV[b + 2]) end
  if cap ~= nil and cur + amount > cap then
    local reset = -1
    if ARGV[b + 4] ~= '' then
      local p = redis.call('PTTL', key)
      if p > 0 then reset = p else reset = tonumber(ARGV[b + 4]) end
    end
    return {0, i - 1, cur, cap, reset}
  end
  pending[key] = (pending[key] or 0) + amount
end
local out = {1}
local held = {}
for i = 1, n do
  local b = 3 + (i - 1) * 5
  local key = KEYS[2 + i]
  local existed = redis.call('EXISTS', key)
  out[i + 1] = redis.call('INCRBY', key, ARGV[b + 1])
  if existed == 0 and ARGV[b + 4] ~= '' then redis.call('PEXPIRE', key, ARGV[b + 4]) end
  held[i] = {key, ARGV[b + 1], tonumber(ARGV[b + 5])}
end
local expires = now + ttl
local prior = redis.call('HGET', KEYS[1], id)
if prior then
  -- a second reserve under one id adds to the reservation
  local takes = cjson.decode(prior)
  for _, h in ipairs(held) do takes[#takes + 1] = h end
  held = takes
  local old = tonumber(redis.call('ZSCORE', KEYS[2], id) or '0')
  if old > expires then expires = old end
end
redis.call('HSET', KEYS[1], id, cjson.encode(held))
redis.call('ZADD', KEYS[2], expires, id)
return out`;

/**
 * KEYS: reservations hash, expiry zset, event queue
 * ARGV: id, has event (0/1), event, then pairs of counter key and actual amount
 */
export const SETTLE = `${GIVE_BACK}
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if rec then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  local actual = {}
  for i = 4, #ARGV, 2 do actual[ARGV[i]] = ARGV[i + 1] end
  give_back(cjson.decode(rec), actual)
end
if ARGV[2] == '1' then redis.call('RPUSH', KEYS[3], ARGV[3]) end
return rec and 1 or 0`;

/**
 * KEYS: reservations hash, expiry zset; ARGV: most reservations to give back in this call
 * → how many were given back
 */
export const SWEEP = `${NOW}
${GIVE_BACK}
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do
  local rec = redis.call('HGET', KEYS[1], id)
  if rec then give_back(cjson.decode(rec), {}) end
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
return #ids`;

/** KEYS: counter; ARGV: delta, only if exists (0/1), ttl ('' = none) → 1 when changed */
export const ADD = `local existed = redis.call('EXISTS', KEYS[1])
if existed == 0 and ARGV[2] == '1' then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 and ARGV[3] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`;

/** KEYS: counter; ARGV: value, mode ('nx' | 'max') */
export const SEED = `local cur = redis.call('GET', KEYS[1])
if not cur then
  redis.call('SET', KEYS[1], ARGV[1])
elseif ARGV[2] == 'max' and tonumber(ARGV[1]) > tonumber(cur) then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
end
return 0`;

/** KEYS: counters → 1/0 each */
export const EXISTS_EACH = `local out = {}
for i, k in ipairs(KEYS) do out[i] = redis.call('EXISTS', k) end
return out`;

/** push a Lua list onto a Redis list in chunks (unpack has a stack limit) */
const PUSH_ALL = `local function push_all(cmd, key, items)
  for i = 1, #items, 1000 do
    redis.call(cmd, key, unpack(items, i, math.min(i + 999, #items)))
  end
end`;

/**
 * KEYS: event queue, claimed-batches zset (batch id → claim time)
 * ARGV: batch key prefix, max, staleMs, new batch id
 * Stale batches go back to the queue's head first; then up to max events move from the queue
 * into `<batch key prefix><batch id>`. → the events (empty when none)
 */
export const CLAIM = `${NOW}
${PUSH_ALL}
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
for _, b in ipairs(stale) do
  local bk = ARGV[1] .. b
  local evs = redis.call('LRANGE', bk, 0, -1)
  if #evs > 0 then
    local rev = {}
    for i = #evs, 1, -1 do rev[#rev + 1] = evs[i] end
    push_all('LPUSH', KEYS[1], rev)
  end
  redis.call('DEL', bk)
  redis.call('ZREM', KEYS[2], b)
end
local max = tonumber(ARGV[2])
if max < 1 then return {} end
local evs = redis.call('LRANGE', KEYS[1], 0, max - 1)
if #evs == 0 then return {} end
redis.call('LTRIM', KEYS[1], #evs, -1)
push_all('RPUSH', ARGV[1] .. ARGV[4], evs)
redis.call('ZADD', KEYS[2], now, ARGV[4])
return evs`;

/** KEYS: claimed-batches zset, the batch's list; ARGV: batch id */
export const ACK = `redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[1])
return 0`;

/** KEYS: event queue, claimed-batches zset; ARGV: batch key prefix → queued + claimed events */
export const PENDING = `local n = redis.call('LLEN', KEYS[1])
for _, b in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  n = n + redis.call('LLEN', ARGV[1] .. b)
end
return n`;
