#!/usr/bin/env bash
# Window soak: runs the SleepLab window for N minutes and prints how its memory (RSS) grew.
#
#   scripts/soak.sh [MINUTES] [plain|twin]
#
#   plain (default)  The window wakes task 1 at full speed for MINUTES minutes (its own
#                    `window --bench`), then closes itself. Needs no hands.
#   twin             The same with the twin run on beside it (`window --bench --twin`).
#
# Without a DISPLAY it starts Xvfb on :$SOAK_DISPLAY (default 99), with the software
# Vulkan renderer that .ci/run installs (`apt-get install xvfb mesa-vulkan-drivers`).
# The binary is $SLEEPLAB (default target/release/sleeplab; build it first with
# `cargo build --release`). RSS is sampled every $SOAK_EVERY seconds (default 30); growth
# is measured from the first sample after one minute of warm-up (buffers filling up are
# not a leak) to the last one. Exit status 0 unless the window died early.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-15}
mode=${2:-plain}
binary=${SLEEPLAB:-target/release/sleeplab}
every=${SOAK_EVERY:-30}
[[ -x $binary ]] || { echo "no $binary: run cargo build --release first" >&2; exit 2; }
[[ $minutes =~ ^[0-9]+$ && $minutes -ge 2 ]] || { echo "MINUTES must be a whole number, at least 2" >&2; exit 2; }

cleanup() {
    [[ -n ${window_pid:-} ]] && kill "$window_pid" 2>/dev/null || true
    [[ -n ${xvfb_pid:-} ]] && kill "$xvfb_pid" 2>/dev/null || true
    [[ -n ${runtime_dir:-} ]] && rm -rf "$runtime_dir"
}
trap cleanup EXIT

if [[ -z ${DISPLAY:-} ]]; then
    display=:${SOAK_DISPLAY:-99}
    Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 2
    export DISPLAY=$display
    export WGPU_BACKEND=${WGPU_BACKEND:-vulkan}
fi
runtime_dir=$(mktemp -d)
chmod 700 "$runtime_dir"
export XDG_RUNTIME_DIR=$runtime_dir

seconds=$((minutes * 60))
case $mode in
    plain) "$binary" window --bench "$seconds" & ;;
    twin) "$binary" window --bench "$seconds" --twin & ;;
    *) echo "mode must be plain or twin" >&2; exit 2 ;;
esac
window_pid=$!

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$window_pid/status" 2>/dev/null; }
start=$(date +%s)
first=""
last=""
echo "time_s rss_kB"
while kill -0 "$window_pid" 2>/dev/null; do
    now=$(( $(date +%s) - start ))
    (( now > seconds + 60 )) && break
    rss=$(rss_kb || true)
    if [[ -n $rss ]]; then
        echo "$now $rss"
        (( now >= 60 )) && [[ -z $first ]] && first=$rss
        last=$rss
    fi
    sleep "$every"
done
finished=$(( $(date +%s) - start ))
if kill -0 "$window_pid" 2>/dev/null; then
    kill "$window_pid"
fi
wait "$window_pid" 2>/dev/null || true
window_pid=""

if [[ -z $first || -z $last ]]; then
    echo "the window ran only ${finished} s: no RSS after the warm-up" >&2
    exit 1
fi
awk -v a="$first" -v b="$last" -v m="$mode" -v t="$finished" 'BEGIN {
    printf "soak %s: %d s, RSS %.1f MB after warm-up, %.1f MB at the end: %+.1f%%\n",
        m, t, a / 1024, b / 1024, (b - a) * 100 / a
}'
(( finished >= seconds - every )) || { echo "the window closed early (after ${finished} s)" >&2; exit 1; }
