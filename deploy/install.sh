#!/usr/bin/env bash
# Installs newsalert as a systemd service: builds the release binary and installs it with
# its unit, sysusers/tmpfiles entries, example config and rules. Idempotent: running it
# again upgrades the binary and unit and keeps your config and rules.
#   deploy/install.sh              install or upgrade
#   deploy/install.sh --uninstall  remove binary, unit and entries (keeps /etc/newsalert and
#                                  /var/lib/newsalert; add --purge to remove them too)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

PREFIX=${PREFIX:-/usr}
UNIT_DIR=${UNIT_DIR:-/etc/systemd/system}
SYSUSERS_DIR=${SYSUSERS_DIR:-/usr/lib/sysusers.d}
TMPFILES_DIR=${TMPFILES_DIR:-/usr/lib/tmpfiles.d}
ETC=${ETC:-/etc/newsalert}

systemd_running() { [ -d /run/systemd/system ]; }

uninstall() {
    local purge=${1:-}
    if systemd_running; then as_root systemctl disable --now newsalert.service 2>/dev/null || true; fi
    as_root rm -f "$PREFIX/bin/newsalert" "$UNIT_DIR/newsalert.service" \
        "$SYSUSERS_DIR/newsalert.conf" "$TMPFILES_DIR/newsalert.conf"
    as_root rm -rf "$PREFIX/share/doc/newsalert"
    if [ "$purge" = "--purge" ]; then as_root rm -rf "$ETC" /var/lib/newsalert; fi
    if systemd_running; then as_root systemctl daemon-reload; fi
    echo "install: newsalert removed${purge:+ (config and state purged)}"
}

case "${1:-}" in
    --uninstall) uninstall "${2:-}"; exit 0 ;;
    "") ;;
    *) echo "usage: deploy/install.sh [--uninstall [--purge]]" >&2; exit 2 ;;
esac

apt_install "${SYSTEM_PACKAGES[@]}"
ensure_swift
swift build -c release --product newsalert
BIN="$(swift build -c release --show-bin-path)/newsalert"

as_root install -D -m 0755 "$BIN" "$PREFIX/bin/newsalert"
as_root install -D -m 0644 deploy/newsalert.service "$UNIT_DIR/newsalert.service"
as_root install -D -m 0644 deploy/newsalert.sysusers "$SYSUSERS_DIR/newsalert.conf"
as_root install -D -m 0644 deploy/newsalert.tmpfiles "$TMPFILES_DIR/newsalert.conf"
as_root install -D -m 0644 README.md "$PREFIX/share/doc/newsalert/README.md"

if command -v systemd-sysusers >/dev/null; then as_root systemd-sysusers "$SYSUSERS_DIR/newsalert.conf"; fi
if command -v systemd-tmpfiles >/dev/null; then as_root systemd-tmpfiles --create "$TMPFILES_DIR/newsalert.conf"; fi
as_root install -d -m 0755 "$ETC"
as_root install -d -m 0750 "$ETC/rules"

# Config and rules are the operator's: written once, never overwritten.
if [ ! -e "$ETC/config.yaml" ]; then
    sed -e 's|^rules: ./rules .*|rules: /etc/newsalert/rules                     # one file per person|' \
        deploy/config.example.yaml | as_root tee "$ETC/config.yaml" >/dev/null
    as_root chmod 0644 "$ETC/config.yaml"
fi
if [ -z "$(ls -A "$ETC/rules" 2>/dev/null)" ]; then
    as_root install -m 0640 rules/*.yaml "$ETC/rules/"
fi
if getent group newsalert >/dev/null; then as_root chgrp -R newsalert "$ETC/rules"; fi

"$PREFIX/bin/newsalert" check --config "$ETC/config.yaml" || echo "install: fix the problems above, then: systemctl restart newsalert"
if systemd_running; then
    as_root systemctl daemon-reload
    as_root systemctl enable newsalert.service
    as_root systemctl restart newsalert.service
    echo "install: newsalert is running; follow it with: journalctl -u newsalert -f"
else
    echo "install: installed; systemd is not running here, start it with: systemctl enable --now newsalert"
fi
