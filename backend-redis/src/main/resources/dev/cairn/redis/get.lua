-- Reads one record with the revision and collection revision it is current at.
-- KEYS[1]: the namespace's key base. ARGV: collection, id.
-- Returns {rev, collectionRev, packedRecord | false}.
local base = KEYS[1]
local rev = tonumber(redis.call('GET', base .. ':rev') or '0')
local crev = tonumber(redis.call('HGET', base .. ':crev', ARGV[1]) or '0')
return {rev, crev, redis.call('HGET', base .. ':r:' .. ARGV[1], ARGV[2])}
