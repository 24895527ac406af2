-- Discards the change history up to a revision (capped at the current one).
-- KEYS[1]: the namespace's key base. ARGV: revision. Returns the floor after.
local base = KEYS[1]
local rev = tonumber(redis.call('HGET', base .. ':r', '\0') or '0')
local target = math.min(tonumber(ARGV[1]), rev)
local floor = tonumber(redis.call('GET', base .. ':floor') or '0')
if target > floor then
  redis.call('SET', base .. ':floor', string.format('%d', target))
  redis.call('XTRIM', base .. ':feed', 'MINID', string.format('%d-0', target + 1))
  return target
end
return floor
