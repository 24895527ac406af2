-- Commits one transaction of one namespace, atomically: Redis runs a script alone.
-- KEYS[1] is the namespace's key base '{prefix:namespace}'; every key the script builds from it
-- shares its hash tag, so on a cluster they all live in the base's slot.
-- ARGV: token, retention, tokensKept, then the preconditions (count, then each: 'v' coll id modRev
-- | 'c' coll rev | 'k' coll index key nAllowed allowed...), then the writes (count, then each:
-- coll id op('p'|'d') value packedIndexKeys).
-- Returns {'ok', rev} | {'dup', rev} (the token already committed) | {'dead', 0} (the token was
-- declared never to commit) | {'fail', preconditionNumber}.
-- Every argument is checked by the caller, so no redis.call below can fail half-way.
local base = KEYS[1]
local token = ARGV[1]
local retention = tonumber(ARGV[2])
local tokens_kept = tonumber(ARGV[3])
local tokens = base .. ':tokens'
-- the namespace's records ('collection\0id'), its revision ('\0') and collection revisions ('\0collection')
local records = base .. ':r'
local dead = base .. ':dead'

local done = redis.call('ZSCORE', tokens, token)
if done then
  return {'dup', tonumber(done)}
end
if redis.call('ZSCORE', dead, token) then
  return {'dead', 0}
end

-- create revision, mod revision and the packed record, or 0, 0, false; read once per record
-- (a precondition and the write of one record both ask), as the writes come after the checks
local seen = {}
local function current(coll, id)
  local slot = coll .. '\0' .. id
  local packed = seen[slot]
  if packed == nil then
    packed = redis.call('HGET', records, coll .. '\0' .. id)
    seen[slot] = packed
  end
  if not packed then
    return 0, 0, false
  end
  local cr, mr = string.match(packed, '^(%d+),(%d+),')
  return tonumber(cr), tonumber(mr), packed
end

local i = 4
local npre = tonumber(ARGV[i])
i = i + 1
for p = 1, npre do
  local kind, coll = ARGV[i], ARGV[i + 1]
  if kind == 'v' then
    local _, mr = current(coll, ARGV[i + 2])
    if mr ~= tonumber(ARGV[i + 3]) then
      return {'fail', p}
    end
    i = i + 4
  elseif kind == 'c' then
    local crev = tonumber(redis.call('HGET', records, '\0' .. coll) or '0')
    if crev > tonumber(ARGV[i + 2]) then
      return {'fail', p}
    end
    i = i + 3
  else
    local index, key, n = ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
    local allowed = {}
    for a = 1, n do
      allowed[ARGV[i + 4 + a]] = true
    end
    local from = key .. '\0'
    local holders = redis.call('ZRANGEBYLEX', base .. ':i:' .. coll .. ':' .. index, '[' .. from, '(' .. key .. '\1')
    for _, member in ipairs(holders) do
      if not allowed[string.sub(member, #from + 1)] then
        return {'fail', p}
      end
    end
    i = i + 5 + n
  end
end

-- index keys are packed as 'index\0key\0' pairs, sorted, so equal sets pack equal
local function each_key(coll, id, packed, command)
  for index, key in string.gmatch(packed, '([^%z]+)%z([^%z]+)%z') do
    local zset = base .. ':i:' .. coll .. ':' .. index
    if command == 'ZADD' then
      redis.call('ZADD', zset, 0, key .. '\0' .. id)
    else
      redis.call('ZREM', zset, key .. '\0' .. id)
    end
  end
end

local rev = tonumber(redis.call('HGET', records, '\0') or '0') + 1
local rev_text = string.format('%d', rev)
local feed = base .. ':feed'
local seq = 0
local nwrites = tonumber(ARGV[i])
i = i + 1
for _ = 1, nwrites do
  local coll, id, op, value, keys = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  i = i + 5
  local field, order, keyed = coll .. '\0' .. id, base .. ':o:' .. coll, base .. ':k:' .. coll
  local cr, mr, old = current(coll, id)
  redis.call('HSET', records, '\0' .. coll, rev_text)
  local old_keys = false
  if old then
    old_keys = redis.call('HGET', keyed, id) or ''
    if op == 'd' or old_keys ~= keys then
      each_key(coll, id, old_keys, 'ZREM')
    end
  end
  if op == 'd' then
    if old then
      redis.call('HDEL', records, field)
      redis.call('ZREM', order, id)
      redis.call('HDEL', keyed, id)
      seq = seq + 1
      redis.call('XADD', feed, rev_text .. '-' .. seq, 't', 'd', 'c', coll, 'i', id, 'r', cr, 'p', mr)
    end
  else
    local created = old and cr or rev
    redis.call('HSET', records, field, string.format('%d,%d,', created, rev) .. value)
    if not old then
      redis.call('ZADD', order, 0, id)
      redis.call('ZADD', base .. ':cols', 0, coll)
    end
    if old_keys ~= keys then
      each_key(coll, id, keys, 'ZADD')
      if keys == '' then
        redis.call('HDEL', keyed, id)
      else
        redis.call('HSET', keyed, id, keys)
      end
    end
    seq = seq + 1
    redis.call('XADD', feed, rev_text .. '-' .. seq, 't', old and 'u' or 'c', 'c', coll, 'i', id, 'v', value,
      'r', created, 'p', mr, 'k', keys)
  end
end
if seq == 0 then
  -- a revision without changes still gets an entry, so that XREAD wakes watchers on it
  redis.call('XADD', feed, rev_text .. '-1', 't', 'e')
end

redis.call('HSET', records, '\0', rev_text)
redis.call('ZADD', tokens, rev, token)
-- old tokens go every 64 revisions, so a commit pays for trimming once in 64
if rev > tokens_kept and rev % 64 == 0 then
  redis.call('ZREMRANGEBYSCORE', tokens, '-inf', rev - tokens_kept)
  redis.call('ZREMRANGEBYSCORE', dead, '-inf', rev - tokens_kept)
end
if rev > retention then
  local floor = tonumber(redis.call('GET', base .. ':floor') or '0')
  if rev - retention > floor then
    redis.call('SET', base .. ':floor', string.format('%d', rev - retention))
    redis.call('XTRIM', feed, 'MINID', '~', string.format('%d-0', rev - retention + 1))
  end
end
return {'ok', rev}
