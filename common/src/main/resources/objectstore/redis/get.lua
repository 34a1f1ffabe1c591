-- GetObject after a plain GETRANGE answered nothing: the object's bytes if it exists now, else which error.
-- KEYS: the bucket check (registry or partition marker), the object.
-- ARGV: the bucket, the header's length.
-- Returns the object's bytes after the header; NoSuchBucket or NoSuchKey.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return redis.call('GETRANGE', KEYS[2], ARGV[2], -1)
end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return redis.error_reply('NoSuchBucket no such bucket')
end
return redis.error_reply('NoSuchKey no such key')
