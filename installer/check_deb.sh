#!/usr/bin/env bash
# Check the Linux package, and with --install, install it and use it.
#
#   bash installer/check_deb.sh dist/ward-huddle_0.1.0_amd64.deb
#   bash installer/check_deb.sh --install dist/ward-huddle_0.1.0_amd64.deb   (root)
#
# Static checks: control fields, the files and where they go, root ownership,
# the conffile, the .desktop file (desktop-file-validate), and that the
# maintainer scripts never delete /var/lib/ward-huddle.
# --install: apt-get installs the package, checks the shared data folder,
# runs `huddle demo` + `huddle check` and `ward-huddle --self-test` from
# /usr/bin (offscreen), shows that the machine config reaches `huddle config
# --show`, removes and purges the package and checks the ward's data is still
# there, then installs it again over the kept data (as an upgrade would).
set -euo pipefail

install=no
if [[ "${1:-}" == "--install" ]]; then
  install=yes
  shift
fi
deb="${1:?usage: check_deb.sh [--install] PACKAGE.deb}"
[[ -f "$deb" ]] || { echo "check_deb: $deb does not exist; run make deb" >&2; exit 1; }

failures=0
pass() { echo "  ok   $*"; }
fail() { echo "  FAIL $*"; failures=$((failures + 1)); }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
field() { dpkg-deb --field "$deb" "$1"; }

echo "== static checks: $deb"
check "Package: ward-huddle" test "$(field Package)" = ward-huddle
check "Version: $version (from pyproject.toml)" test "$(field Version)" = "$version"
check "Depends lists the system libraries (libc6, libegl1, libxcb-cursor0)" \
  bash -c "dpkg-deb --field '$deb' Depends | grep -q libc6 && dpkg-deb --field '$deb' Depends | grep -q libegl1 && dpkg-deb --field '$deb' Depends | grep -q libxcb-cursor0"

dpkg-deb --contents "$deb" > "$work/contents"
has_path() { grep -qE " \./$1( |$)" "$work/contents"; }
for path in opt/ward-huddle/ward-huddle opt/ward-huddle/huddle opt/ward-huddle/_internal/ \
            usr/share/applications/ward-huddle.desktop etc/ward-huddle/huddle.ini \
            usr/share/icons/hicolor/scalable/apps/ward-huddle.svg usr/share/doc/ward-huddle/copyright; do
  check "contains /$path" has_path "$path"
done
for size in 16 22 24 32 48 64 128 256 512; do
  check "icon /usr/share/icons/hicolor/${size}x${size}/apps/ward-huddle.png" \
    has_path "usr/share/icons/hicolor/${size}x${size}/apps/ward-huddle.png"
done
check "/usr/bin/ward-huddle -> /opt/ward-huddle/ward-huddle" \
  grep -q " ./usr/bin/ward-huddle -> /opt/ward-huddle/ward-huddle" "$work/contents"
check "/usr/bin/huddle -> /opt/ward-huddle/huddle" \
  grep -q " ./usr/bin/huddle -> /opt/ward-huddle/huddle" "$work/contents"
check "every file owned by root:root" bash -c "! awk '{print \$2}' '$work/contents' | grep -vq '^root/root$'"
check "does not ship /var/lib/ward-huddle (postinst makes it; dpkg never deletes it)" \
  bash -c "! grep -q ' ./var/lib/ward-huddle' '$work/contents'"

dpkg-deb --ctrl-tarfile "$deb" | tar -x -C "$work"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/share/applications/ward-huddle.desktop
check "conffiles: /etc/ward-huddle/huddle.ini" grep -qx /etc/ward-huddle/huddle.ini "$work/conffiles"
check "desktop-file-validate ward-huddle.desktop" \
  desktop-file-validate "$work/usr/share/applications/ward-huddle.desktop"
for script in postinst prerm postrm; do
  check "$script is executable and valid sh" bash -c "test -x '$work/$script' && sh -n '$work/$script'"
  check "$script never deletes /var/lib/ward-huddle" \
    bash -c "! grep -v '^[[:space:]]*#' '$work/$script' | grep -E 'rm .*(/var/lib|DATA_DIR)'"
done

if [[ "$install" == yes ]]; then
  echo "== install: apt-get install $deb"
  [[ "$(id -u)" == 0 ]] || { echo "check_deb: --install needs root" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen
  apt-get install -y -qq "$(realpath "$deb")" >/dev/null
  check "installed version $version" test "$(dpkg-query -W -f='${Version}' ward-huddle)" = "$version"
  check "/var/lib/ward-huddle is group users, mode 2775" \
    test "$(stat -c '%G %a' /var/lib/ward-huddle)" = "users 2775"
  check "/var/lib/ward-huddle/backups is group users, mode 2775" \
    test "$(stat -c '%G %a' /var/lib/ward-huddle/backups)" = "users 2775"

  db="$work/installed.db"
  echo "== installed CLI: /usr/bin/huddle demo + check"
  check "/usr/bin/huddle demo --weeks 4" /usr/bin/huddle demo --db "$db" --weeks 4
  check "/usr/bin/huddle check" /usr/bin/huddle check --db "$db"
  check "/usr/bin/huddle stats" /usr/bin/huddle stats --db "$db"
  echo "== installed app: /usr/bin/ward-huddle --self-test (offscreen)"
  if (cd "$work" && timeout 300 /usr/bin/ward-huddle --self-test); then
    pass "/usr/bin/ward-huddle --self-test"
  else
    fail "/usr/bin/ward-huddle --self-test"
  fi

  echo "== machine config reaches huddle config --show"
  cp /etc/ward-huddle/huddle.ini "$work/huddle.ini.saved"
  printf '\n[huddle]\nward_name = Check Ward\n' > /etc/ward-huddle/huddle.ini
  check "config --show: ward_name from /etc/ward-huddle/huddle.ini" \
    bash -c "/usr/bin/huddle config --show | grep ward_name | grep -q 'Check Ward.*machine config (/etc/ward-huddle/huddle.ini)'"
  cp "$work/huddle.ini.saved" /etc/ward-huddle/huddle.ini

  echo "== remove and purge keep the ward's data"
  marker=/var/lib/ward-huddle/check-deb-kept.txt
  echo "ward data" > "$marker"
  apt-get remove -y -qq ward-huddle >/dev/null
  check "after remove: /usr/bin/huddle is gone" test ! -e /usr/bin/huddle
  check "after remove: the ward's data is kept" test -f "$marker"
  apt-get purge -y -qq ward-huddle >/dev/null
  check "after purge: /etc/ward-huddle is gone" test ! -e /etc/ward-huddle/huddle.ini
  check "after purge: the ward's data is kept" test -f "$marker"
  echo "== reinstall over the kept data"
  apt-get install -y -qq "$(realpath "$deb")" >/dev/null
  check "reinstalled, data still there, folder still shared" \
    bash -c "test -f '$marker' && test \"\$(stat -c '%G %a' /var/lib/ward-huddle)\" = 'users 2775'"
  rm -f "$marker"
fi

if (( failures )); then
  echo "check_deb: $failures check(s) failed"
  exit 1
fi
echo "check_deb: all checks passed"
