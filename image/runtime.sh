#!/usr/bin/env bash
# The container image's root file system, for Jib to add FROM scratch (image/pom.xml):
#
#   runtime.sh JAVA_HOME MODULES STATIC OUT [jlink|none]
#
#   OUT/opt/java/openjdk   a Java runtime made by jlink from JAVA_HOME with MODULES (and its CDS archive)
#   OUT/lib..., OUT/lib64  the shared libraries that runtime needs, copied from this machine at the
#                          paths ldd finds them (glibc's libc, libm, libdl, libpthread, librt, the loader)
#   OUT/etc, OUT/tmp       STATIC's files (a user 65532, name lookup in /etc/hosts first) and an empty /tmp
#
# Linux x86-64 with glibc only: the libraries are this machine's. The runtime's AWT, sound and splash
# libraries that need X11 or ALSA are left without them: the image runs headless, and never loads them.
#
# With "none", OUT is left empty: for a base image that brings its own Java at /opt/java/openjdk
# (-Dimage.from=eclipse-temurin:25-jre -Dimage.runtime=none).
set -euo pipefail

java_home=$1
modules=$2
static=$3
out=$4
mode=${5:-jlink}
runtime=$out/opt/java/openjdk

rm -rf "$out"
mkdir -p "$out"
if [ "$mode" = none ]; then
  echo "image root: empty (the base image brings Java)"
  exit 0
fi
mkdir -p "$out/opt/java" "$out/tmp"
# --generate-cds-archive: the class-data sharing archive a JDK ships and jlink leaves out; the JVM starts faster with it.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --generate-cds-archive --output "$runtime"

needs_display='libawt_xawt.so|libjawt.so|libsplashscreen.so|libjsound.so'
{
  echo "$runtime/bin/java"
  find "$runtime" -name '*.so' | grep -Ev "/($needs_display)$"
} | while read -r binary; do
  # "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)", and the loader: "/lib64/ld-linux-x86-64.so.2 (0x...)"
  ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
done | sort -u | while read -r library; do
  case "$library" in "$runtime"/*) continue ;; esac
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
done

cp -R "$static"/. "$out"/
echo "image root: $(du -sh "$out" | cut -f1) in $out ($(find "$out" -path "$runtime" -prune -o -name '*.so*' -print | wc -l) libraries from this machine)"
