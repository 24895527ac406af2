-- Resolves a commit whose outcome its caller did not learn: the revision it applied under, or 0
-- after marking the token dead, so that the commit, if still queued somewhere, never applies.
-- KEYS[1]: the namespace's key base. ARGV: token.
local base = KEYS[1]
local done = redis.call('ZSCORE', base .. ':tokens', ARGV[1])
if done then
  return tonumber(done)
end
redis.call('ZADD', base .. ':dead', tonumber(redis.call('HGET', base .. ':r', '\0') or '0'), ARGV[1])
return 0
