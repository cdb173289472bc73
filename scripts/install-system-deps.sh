#!/usr/bin/env bash
# System packages the tests need (Debian). `make test` calls this; it installs only what is
# missing, so on a machine that has them it does nothing. Add a package to PACKAGES with a
# comment saying which feature needs it.
set -euo pipefail

PACKAGES=(
  # OCR of scanned PDF pages (cultdip_nlp/ingest/ocr.py) in English, Russian and Kazakh
  tesseract-ocr
  tesseract-ocr-eng
  tesseract-ocr-rus
  tesseract-ocr-kaz
  chromium  # the review page's browser tests (tests/test_review_browser.py, driven by Playwright)
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "installing system packages: ${missing[*]}" >&2
# Several installs at once (parallel sessions) would fight over dpkg's lock: take turns.
exec 9>/tmp/cultdip-apt.lock
flock 9
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
