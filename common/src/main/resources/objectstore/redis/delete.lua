-- DeleteObject and DeleteObjects: one DEL and one ZREM for up to 1,000 keys of one partition.
-- KEYS: the bucket check (registry or partition marker), the index, then each object.
-- ARGV: the bucket, then each object key (index member), in the order of KEYS' objects.
-- Returns 1, whether or not the objects existed (as S3 does); NoSuchBucket.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return redis.error_reply('NoSuchBucket no such bucket')
end
redis.call('DEL', unpack(KEYS, 3))
redis.call('ZREM', KEYS[2], unpack(ARGV, 2))
return 1
