-- Reads every record holding an index key (or a key in a range), each once, at one revision.
-- KEYS[1]: the namespace's key base. ARGV: collection, index, min, max (ZRANGEBYLEX bounds over
-- the index's 'key\0id' members).
-- Returns {rev, collectionRev, then id, packedRecord per record}, in no particular order.
local base, coll = KEYS[1], ARGV[1]
local members = redis.call('ZRANGEBYLEX', base .. ':i:' .. coll .. ':' .. ARGV[2], ARGV[3], ARGV[4])
local out = {
  tonumber(redis.call('HGET', base .. ':r', '\0') or '0'),
  tonumber(redis.call('HGET', base .. ':r', '\0' .. coll) or '0'),
}
local records, seen = base .. ':r', {}
for _, member in ipairs(members) do
  local id = string.sub(member, string.find(member, '\0', 1, true) + 1)
  if not seen[id] then
    seen[id] = true
    out[#out + 1] = id
    out[#out + 1] = redis.call('HGET', records, coll .. '\0' .. id)
  end
end
return out
