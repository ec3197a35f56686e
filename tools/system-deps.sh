#!/usr/bin/env bash
# Best-effort install of the Debian packages that tests use to read outputs back
# and that Qt needs to start offscreen. Never fails the build: tests that need a
# missing tool skip with a reason.
set -u
pkgs=(poppler-utils libreoffice-writer-nogui fonts-noto-cjk libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: not root or no apt-get; missing ${missing[*]} — tests that need them will skip" >&2
  exit 0
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "note: apt-get could not install ${missing[*]} — tests that need them will skip" >&2
exit 0
