/**
 * The Lua scripts of the shared level. Redis runs a script atomically, which is what makes a lock
 * release and a rate-limit merge safe against other instances doing the same at the same moment.
 */

/**
 * Releases a lock only if it still holds this instance's token (KEYS[1] lock, ARGV[1] token): a holder
 * whose lock expired and was taken by another instance must not free the other's lock.
 */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** Extends a lock only if it still holds this instance's token (KEYS[1] lock, ARGV[1] token, ARGV[2] ms). */
export const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/**
 * Takes one call from a principal's budget for an endpoint (KEYS[1] hash; ARGV: endpoint, now in ms,
 * documented limit, window ms). With no stored window, or one that has ended, a provisional window
 * opens now (`limit|limit-1|now+window|p`, the limit being the stored one, else the documented one).
 * Returns `{taken, state after}`: taken 0 (and the state unchanged) when the budget is spent. A state is
 * `limit|remaining|resetMs`, with `|p` while provisional (X has not answered in the window).
 */
export const RESERVE_CALL = `
local now = tonumber(ARGV[2])
local current = redis.call('HGET', KEYS[1], ARGV[1])
local limit, remaining, reset, flag
if current then
  limit, remaining, reset, flag = string.match(current, '^(%d+)|(%d+)|(%d+)(|?p?)$')
end
if not reset or tonumber(reset) <= now then
  local size = tonumber(ARGV[3])
  if limit and tonumber(limit) > 0 then size = tonumber(limit) end
  local window = tonumber(ARGV[4])
  if size <= 0 then
    return {0, string.format('%d|0|%d|p', 0, now + window)}
  end
  local state = string.format('%d|%d|%d|p', size, size - 1, now + window)
  redis.call('HSET', KEYS[1], ARGV[1], state)
  if redis.call('PTTL', KEYS[1]) < 2 * window then
    redis.call('PEXPIRE', KEYS[1], 2 * window)
  end
  return {1, state}
end
local left = tonumber(remaining)
if left <= 0 then return {0, current} end
local state = limit .. '|' .. string.format('%d', left - 1) .. '|' .. reset .. flag
redis.call('HSET', KEYS[1], ARGV[1], state)
return {1, state}
`;

/**
 * Merges one rate-limit state into the principal's hash (KEYS[1]; ARGV: endpoint, limit, remaining,
 * resetMs, keepMs, 'p' for a provisional state else '', now in ms), by the rules of `mergeRateLimits`
 * (src/rest/limits/rate-limits.ts): an ended window gives way; X's state takes over a provisional one keeping
 * its reserved calls counted (X's window and limit, never more than X has left); otherwise a later
 * window replaces the stored one, and in the same window (resets within a second of each other) the
 * lower `remaining` wins, so answers arriving out of order never raise the budget.
 * The hash lives at least `keepMs` more. Returns 1 when the state was written.
 */
export const MERGE_RATE_LIMIT = `
local limit = tonumber(ARGV[2])
local remaining = tonumber(ARGV[3])
local reset = tonumber(ARGV[4])
local provisional = ARGV[6] == 'p'
local now = tonumber(ARGV[7])
local value = nil
local incoming = string.format('%d|%d|%d', limit, remaining, reset)
if provisional then incoming = incoming .. '|p' end
local current = redis.call('HGET', KEYS[1], ARGV[1])
local storedLimit, storedRemaining, storedReset, storedFlag
if current then
  storedLimit, storedRemaining, storedReset, storedFlag = string.match(current, '^(%d+)|(%d+)|(%d+)(|?p?)$')
end
if not storedReset or tonumber(storedReset) <= now then
  value = incoming
elseif reset > now then
  storedLimit = tonumber(storedLimit)
  storedRemaining = tonumber(storedRemaining)
  storedReset = tonumber(storedReset)
  local storedProvisional = storedFlag == '|p'
  if storedProvisional ~= provisional then
    local realLimit, realRemaining, realReset, reserved
    if storedProvisional then
      realLimit, realRemaining, realReset = limit, remaining, reset
      reserved = storedLimit - storedRemaining
    else
      realLimit, realRemaining, realReset = storedLimit, storedRemaining, storedReset
      reserved = limit - remaining
    end
    local left = math.max(0, math.min(realRemaining, realLimit - reserved))
    value = string.format('%d|%d|%d', realLimit, left, realReset)
  elseif math.abs(reset - storedReset) < 1000 then
    if remaining < storedRemaining then value = incoming end
  elseif reset > storedReset then
    value = incoming
  end
end
if value then
  redis.call('HSET', KEYS[1], ARGV[1], value)
end
local keep = tonumber(ARGV[5])
if redis.call('PTTL', KEYS[1]) < keep then
  redis.call('PEXPIRE', KEYS[1], keep)
end
if value then return 1 end
return 0
`;
