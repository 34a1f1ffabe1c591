-- PutObject's second half: checks the bucket, stamps the object's header with the server's time, indexes the key.
-- Sent in the same round trip as the plain SET of header and bytes, so the bytes never pass through Lua.
-- KEYS: the bucket check (registry or partition marker), the index, the object.
-- ARGV: the bucket, the object key (index member), the header's time offset.
-- Returns 1; NoSuchBucket (removing what the SET wrote) when the bucket is missing. An object deleted
-- between the SET and this script is neither stamped nor indexed.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  redis.call('DEL', KEYS[3])
  return redis.error_reply('NoSuchBucket no such bucket')
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  local now = redis.call('TIME')
  local millis = now[1] * 1000 + math.floor(now[2] / 1000)
  redis.call('SETRANGE', KEYS[3], ARGV[3], string.format('%013d', millis))
  redis.call('ZADD', KEYS[2], 0, ARGV[2])
end
return 1
