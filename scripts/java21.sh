# Source this to use a JDK 21 or newer when the default java is older:
#   . scripts/java21.sh
# It keeps JAVA_HOME if that is already 21+, else looks in the usual places.
_java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  :
elif command -v java >/dev/null && [ "$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)" -ge 21 ] 2>/dev/null; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
else
  for _jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25-* /usr/lib/jvm/*25* /usr/lib/jvm/*-21-* /usr/lib/jvm/*21* /opt/java/*; do
    if [ -x "$_jdk/bin/java" ] && [ "$(_java_major "$_jdk")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$_jdk
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(_java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  echo "no JDK 21 or newer found: install one (e.g. apt-get install openjdk-21-jdk) and set JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
unset _jdk
