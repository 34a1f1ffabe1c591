-- DeleteBucket on one index: drops the members whose object expired, refuses while a live object remains,
-- then removes the bucket from its check (the registry, or on a cluster the partition's marker).
-- The objects' Redis keys are the prefix and the member, in the index's slot (see list.lua).
-- KEYS: the bucket check (registry or partition marker), the index.
-- ARGV: the bucket, the objects' Redis key prefix.
-- Returns 1; NoSuchBucket or BucketNotEmpty.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return redis.error_reply('NoSuchBucket no such bucket')
end
while true do
  local members = redis.call('ZRANGEBYLEX', KEYS[2], '-', '+', 'LIMIT', 0, 100)
  if #members == 0 then
    break
  end
  for _, member in ipairs(members) do
    if redis.call('EXISTS', ARGV[2] .. member) == 1 then
      return redis.error_reply('BucketNotEmpty the bucket holds objects')
    end
    redis.call('ZREM', KEYS[2], member)
  end
end
redis.call('SREM', KEYS[1], ARGV[1])
return 1
