-- Reads up to a limit of records of a collection in id (byte) order, at one revision.
-- KEYS[1]: the namespace's key base. ARGV: collection, min, max (ZRANGEBYLEX bounds), limit,
-- withIndexKeys ('1' or '0').
-- Returns {rev, collectionRev, more (0|1), then id, packedRecord[, packedIndexKeys] per record}.
local base, coll = KEYS[1], ARGV[1]
local limit = tonumber(ARGV[4])
local with_keys = ARGV[5] == '1'
local ids = redis.call('ZRANGEBYLEX', base .. ':o:' .. coll, ARGV[2], ARGV[3], 'LIMIT', 0, limit + 1)
local out = {
  tonumber(redis.call('HGET', base .. ':r', '\0') or '0'),
  tonumber(redis.call('HGET', base .. ':r', '\0' .. coll) or '0'),
  #ids > limit and 1 or 0,
}
local records, keyed = base .. ':r', base .. ':k:' .. coll
for n = 1, math.min(#ids, limit) do
  local id = ids[n]
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', records, coll .. '\0' .. id)
  if with_keys then
    out[#out + 1] = redis.call('HGET', keyed, id) or ''
  end
end
return out
