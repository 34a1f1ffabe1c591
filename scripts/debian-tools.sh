# Source this with the commands a step needs, to install the Debian packages that hold them where they
# are missing:  . scripts/debian-tools.sh redis-server wrk redis-benchmark
# It uses apt-get (as root, or through sudo), and fails with one line when it cannot.
_package_of() {
  case "$1" in
    redis-server) echo redis-server ;;
    redis-benchmark | redis-cli) echo redis-tools ;;
    wrk) echo wrk ;;
    aws) echo awscli ;;
    *) echo "$1" ;;
  esac
}
_missing=()
for _command in "$@"; do
  command -v "$_command" >/dev/null 2>&1 || _missing+=("$(_package_of "$_command")")
done
if [ ${#_missing[@]} -gt 0 ]; then
  _sudo=""; [ "$(id -u)" -eq 0 ] || _sudo="sudo"
  echo "installing Debian's ${_missing[*]}" >&2
  if ! { $_sudo apt-get install -y -qq "${_missing[@]}" >/dev/null 2>&1 \
      || { $_sudo apt-get update -qq >/dev/null 2>&1 && $_sudo apt-get install -y -qq "${_missing[@]}" >/dev/null 2>&1; }; }; then
    echo "could not install ${_missing[*]} with apt-get; install them by hand" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
unset _command _missing _sudo
