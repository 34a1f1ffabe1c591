-- HeadObject: the object's header and stored length, never its bytes.
-- KEYS: the bucket check (registry or partition marker), the object.
-- ARGV: the bucket, the header's length.
-- Returns {header, stored length (header included)}; NoSuchBucket or NoSuchKey.
local length = redis.call('STRLEN', KEYS[2])
if length > 0 then
  return {redis.call('GETRANGE', KEYS[2], 0, ARGV[2] - 1), length}
end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return redis.error_reply('NoSuchBucket no such bucket')
end
return redis.error_reply('NoSuchKey no such key')
