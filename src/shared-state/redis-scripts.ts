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
 * Takes one call from a principal's budget for an endpoint (KEYS[1] hash, ARGV[1] endpoint, ARGV[2] now
 * in ms): returns the stored `limit|remaining|resetMs` as it was, having decremented `remaining` when it
 * was above 0; nil when no state is stored or its window has ended (the budget is unknown then).
 */
export const RESERVE_CALL = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return nil end
local limit, remaining, reset = string.match(current, '^(%d+)|(%d+)|(%d+)$')
if not reset or tonumber(reset) <= tonumber(ARGV[2]) then return nil end
local left = tonumber(remaining)
if left > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], limit .. '|' .. string.format('%d', left - 1) .. '|' .. reset)
end
return current
`;

/**
 * Merges one rate-limit state into the principal's hash (KEYS[1]; ARGV: endpoint, limit, remaining,
 * resetMs, keepMs). A later window replaces the stored one; in the same window (resets within a second
 * of each other) the lower `remaining` wins, so answers arriving out of order never raise the budget.
 * The hash lives at least `keepMs` more. Returns 1 when the state was written.
 */
export const MERGE_RATE_LIMIT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local remaining = tonumber(ARGV[3])
local reset = tonumber(ARGV[4])
local write = true
if current then
  local _, storedRemaining, storedReset = string.match(current, '^(%d+)|(%d+)|(%d+)$')
  if storedReset then
    storedRemaining = tonumber(storedRemaining)
    storedReset = tonumber(storedReset)
    if math.abs(reset - storedReset) < 1000 then
      write = remaining < storedRemaining
    else
      write = reset > storedReset
    end
  end
end
if write then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4])
end
local keep = tonumber(ARGV[5])
if redis.call('PTTL', KEYS[1]) < keep then
  redis.call('PEXPIRE', KEYS[1], keep)
end
if write then return 1 end
return 0
`;
