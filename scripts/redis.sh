#!/usr/bin/env bash
# Starts Redis in Docker on port 6379 with an append-only file, as the original experiments did.
# The password comes from your environment (none is written here), and reaches redis-server through a
# configuration file inside the container, not its command line:
#   export REDIS_PASSWORD=...
# then point the experiments at it:
#   export REDIS_URL="redis://:$REDIS_PASSWORD@localhost:6379"
set -euo pipefail
: "${REDIS_PASSWORD:?set REDIS_PASSWORD first}"
exec docker run --rm --name object-store-experiments-redis \
  -p 127.0.0.1:6379:6379 \
  -e REDIS_PASSWORD \
  redis:7.4 sh -c 'umask 077; printf "appendonly yes\nrequirepass %s\n" "$REDIS_PASSWORD" > /tmp/redis.conf; exec redis-server /tmp/redis.conf'
