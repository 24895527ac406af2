-- Reads the change feed after a revision: whole transactions, stopping after the one that brings
-- the count to the maximum or more.
-- KEYS[1]: the namespace's key base. ARGV: afterRevision, maxChanges.
-- Returns {'compacted', floor} or {'ok', then per change: entryId, type, collection, id, value,
-- createRev, prevModRev, packedIndexKeys} (value and keys '' for a delete).
local base = KEYS[1]
local after, max = tonumber(ARGV[1]), tonumber(ARGV[2])
local floor = tonumber(redis.call('GET', base .. ':floor') or '0')
if after < floor then
  return {'compacted', floor}
end
local feed = base .. ':feed'
local out = {'ok'}
local count, stop_rev = 0, nil
local start = string.format('%d-0', after + 1)
while true do
  local batch = redis.call('XRANGE', feed, start, '+', 'COUNT', 256)
  if #batch == 0 then
    return out
  end
  for _, entry in ipairs(batch) do
    local rev = tonumber(string.match(entry[1], '^(%d+)-'))
    if stop_rev and rev ~= stop_rev then
      return out
    end
    local f = {}
    local fields = entry[2]
    for n = 1, #fields, 2 do
      f[fields[n]] = fields[n + 1]
    end
    if f.t ~= 'e' then
      out[#out + 1] = entry[1]
      out[#out + 1] = f.t
      out[#out + 1] = f.c
      out[#out + 1] = f.i
      out[#out + 1] = f.v or ''
      out[#out + 1] = f.r
      out[#out + 1] = f.p
      out[#out + 1] = f.k or ''
      count = count + 1
    end
    if count >= max and not stop_rev then
      stop_rev = rev
    end
  end
  start = '(' .. batch[#batch][1]
end
