#!/usr/bin/env bash
# Starts MinIO in Docker on port 9001, as the original experiments expected.
# The credentials come from your environment; none is written here:
#   export MINIO_ROOT_USER=... MINIO_ROOT_PASSWORD=...   (8+ characters)
# then give the experiments the same pair, e.g. in ~/.aws/credentials:
#   [minio]
#   aws_access_key_id = <MINIO_ROOT_USER>
#   aws_secret_access_key = <MINIO_ROOT_PASSWORD>
set -euo pipefail
: "${MINIO_ROOT_USER:?set MINIO_ROOT_USER (and MINIO_ROOT_PASSWORD) first}"
: "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD (8 characters or more) first}"
exec docker run --rm --name object-store-experiments-minio \
  -p 127.0.0.1:9001:9000 \
  -e MINIO_ROOT_USER -e MINIO_ROOT_PASSWORD \
  -v "${MINIO_DATA:-/tmp/object-store-experiments-minio}:/data" \
  minio/minio:RELEASE.2025-09-07T16-13-09Z server /data
