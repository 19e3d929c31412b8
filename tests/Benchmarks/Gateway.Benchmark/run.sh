#!/usr/bin/env bash
# Gateway benchmark: installs wrk and nginx when missing (Debian packages wrk and nginx-light, needs
# root; ./test does not need them), builds the gateway and this program in Release, and runs it
# against the private local servers. Arguments go to the program. nginx is the baseline: the
# program runs it as a private instance on a loopback port with its own config in a temp folder
# (never the system service), and stops without it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is missing: run 'apt-get install -y wrk' as root." >&2
    exit 2
  fi
fi

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] && [ "$(id -u)" -eq 0 ]; then
  apt-get install -y nginx-light >/dev/null || { apt-get update >/dev/null && apt-get install -y nginx-light >/dev/null; } ||
    echo "nginx-light could not be installed: the benchmark needs it as its baseline." >&2
fi

"$root/deploy/local/servers" start >/dev/null
dotnet build "$root/gateway/Gateway/Gateway.csproj" -c Release -v quiet -nologo
dotnet build "$here/Gateway.Benchmark.csproj" -c Release -v quiet -nologo
exec dotnet "$here/bin/Release/net10.0/Gateway.Benchmark.dll" "$@"
