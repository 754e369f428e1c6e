#!/usr/bin/env bash
# Installs the Debian 12 packages intake needs to build, run and test.
# Idempotent: when every package is already installed it does nothing (no apt-get update).
# Usage: packaging/install-deps.sh [--bench|--fuzz]   (--bench adds the peers the benchmarks
# compare with; --fuzz adds clang and libFuzzer for fuzz/)
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libsane1 libsane-dev sane-utils
  libtesseract-dev tesseract-ocr tesseract-ocr-ukr tesseract-ocr-eng tesseract-ocr-osd
  tesseract-ocr-script-cyrl  # OCR language data "Cyrillic" (has "№"; ocr/tesseract_engine.h)
  libleptonica-dev libtiff-dev libjpeg-dev libpng-dev libopencv-dev zlib1g-dev
  libsodium-dev libssl-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev libmicrohttpd-dev
  libpoppler-cpp-dev poppler-utils libzbar-dev zbar-tools libqrencode-dev libcairo2-dev
  libgtest-dev libgmock-dev nlohmann-json3-dev fonts-dejavu-core
  strace  # capture tests: crash and fault injection at every syscall of the page store
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(ocrmypdf unpaper openssl coreutils time)
fi
if [[ "${1:-}" == "--fuzz" ]]; then  # libFuzzer builds: CC=clang CXX=clang++ cmake -DINTAKE_FUZZ=ON
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "intake: missing Debian packages: ${missing[*]}" >&2
  echo "intake: run this script as root (or: sudo $0) to install them." >&2
  exit 1
fi

echo "intake: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
