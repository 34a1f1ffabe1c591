-- ListObjectsV2 on one index: up to n live objects in byte order, dropping the members whose object expired.
-- The objects' Redis keys are the prefix and the member: they carry the index's hash tag, so on a cluster
-- they are in the script's own slot although KEYS does not name them.
-- KEYS: the bucket check (registry or partition marker), the index.
-- ARGV: the bucket, the objects' Redis key prefix, the ZRANGEBYLEX min and max, n, the header's length.
-- Returns a flat array: member, header, size (bytes after the header), for each object listed; NoSuchBucket.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return redis.error_reply('NoSuchBucket no such bucket')
end
local wanted = tonumber(ARGV[5])
local header = tonumber(ARGV[6])
local min = ARGV[3]
local listed = {}
local count = 0
while count < wanted do
  local members = redis.call('ZRANGEBYLEX', KEYS[2], min, ARGV[4], 'LIMIT', 0, wanted - count)
  if #members == 0 then
    break
  end
  for _, member in ipairs(members) do
    local object = ARGV[2] .. member
    local length = redis.call('STRLEN', object)
    if length == 0 then
      redis.call('ZREM', KEYS[2], member)
    else
      listed[#listed + 1] = member
      listed[#listed + 1] = redis.call('GETRANGE', object, 0, header - 1)
      listed[#listed + 1] = length - header
      count = count + 1
    end
  end
  min = '(' .. members[#members]
end
return listed
