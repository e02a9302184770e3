#!/usr/bin/env bash
# Makes a release archive: one folder holding the program, the README, the licences and
# presets/, packed as target/distrib/sleeplab-VERSION-PLATFORM.tar.gz (or .zip).
#
#   scripts/package.sh
#
# With no settings it builds the release binary (`cargo build --release --locked`) and
# makes the Linux archive. The release workflow (.github/workflows/release.yml) and the
# tests set these instead:
#
#   SLEEPLAB_BIN       a binary already built, packed as it is (no build)
#   SLEEPLAB_PLATFORM  the name's platform part (default: linux-$(uname -m))
#   SLEEPLAB_ARCHIVE   tar.gz (default) or zip
#   SLEEPLAB_DIST_DIR  where the archive goes (default: target/distrib)
#   SLEEPLAB_GZIP      gzip's level, 1 (fastest) to 9 (default: 9)
#
# Prints the archive's path as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[[ -n $version ]] || { echo "no version in Cargo.toml" >&2; exit 1; }
platform=${SLEEPLAB_PLATFORM:-linux-$(uname -m)}
format=${SLEEPLAB_ARCHIVE:-tar.gz}
dist=${SLEEPLAB_DIST_DIR:-target/distrib}
level=${SLEEPLAB_GZIP:-9}
[[ $level =~ ^[1-9]$ ]] || { echo "SLEEPLAB_GZIP must be 1 to 9, not $level" >&2; exit 2; }

if [[ -n ${SLEEPLAB_BIN:-} ]]; then
    binary=$SLEEPLAB_BIN
else
    cargo build --release --locked >&2
    binary=${CARGO_TARGET_DIR:-target}/release/sleeplab
fi
[[ -f $binary ]] || { echo "no binary at $binary" >&2; exit 1; }
exe=sleeplab
[[ $binary == *.exe ]] && exe=sleeplab.exe

name=sleeplab-$version-$platform
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
mkdir "$stage/$name/presets"
cp presets/*.toml "$stage/$name/presets/"

case $format in
    tar.gz)
        archive=$dist/$name.tar.gz
        # Owners and order as in any other clone: the archive does not depend on who made it.
        tar_options=()
        if tar --version 2>/dev/null | grep -q 'GNU tar'; then
            tar_options=(--sort=name --owner=0 --group=0 --numeric-owner)
        fi
        tar -C "$stage" ${tar_options[@]+"${tar_options[@]}"} -cf - "$name" | gzip -n -"$level" >"$archive"
        ;;
    zip)
        archive=$dist/$name.zip
        rm -f "$archive"
        if command -v 7z >/dev/null 2>&1; then
            (cd "$stage" && 7z a -tzip -bso0 "$archive" "$name")
        else
            (cd "$stage" && zip -qr "$archive" "$name")
        fi
        ;;
    *)
        echo "SLEEPLAB_ARCHIVE must be tar.gz or zip, not $format" >&2
        exit 2
        ;;
esac
echo "$archive"
