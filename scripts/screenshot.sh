#!/usr/bin/env bash
# A screenshot of the window as a class sees it: 1280×800 under Xvfb with Mesa's software
# renderer. Usage: scripts/screenshot.sh OUT.png SECONDS [window arguments...]
# e.g. scripts/screenshot.sh shot.png 20 presets/sleep.toml --twin --play --projector
# Needs xvfb, mesa-vulkan-drivers, libvulkan1 and imagemagick (Debian packages), and a
# release build (cargo build --release). Extra keys or clicks: set SHOT_BEFORE to a shell
# command run (with DISPLAY set) just before the picture is taken.
set -euo pipefail
out=$1 seconds=$2
shift 2
cd "$(dirname "$0")/.."
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb=$!
app=
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    [ -e "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.1
done
export DISPLAY=$display WGPU_BACKEND=${WGPU_BACKEND:-vulkan}
XDG_RUNTIME_DIR=$(mktemp -d)
export XDG_RUNTIME_DIR
chmod 700 "$XDG_RUNTIME_DIR"
# A fresh home, so that no saved session changes what the window opens on.
HOME=$(mktemp -d) ./target/release/sleeplab window "$@" &
app=$!
sleep "$seconds"
if [ -n "${SHOT_BEFORE:-}" ]; then
    bash -c "$SHOT_BEFORE"
    sleep 2
fi
import -window root "$out"
echo "saved $out"
