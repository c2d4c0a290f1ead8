#!/bin/sh
# Install what resdiff needs to build and test on Debian 12 (as root, or
# through sudo when it is there). Safe to run again.
set -e
# strace: the crash tests (tests/crash); python3: the browser test's DOM check;
# libpoppler-glib-dev: resdiff-pdf, the PDF reader (docs/PARSE.md, "PDF input");
# libxml2-dev: Akoma Ntoso export and import; libxml2-utils: xmllint for its
# schema test (docs/AKN.md); liblzma-dev: liblzma.a, so that resdiff links
# libxml2 statically with libgit2 and ICU (CMakeLists.txt, docs/PERFORMANCE.md);
# clang, libclang-rt-14-dev: the libFuzzer builds of .ci/fuzz.sh
# (docs/TESTING.md, "Fuzzing"); lighttpd, openssh-server, openssh-client: the
# servers of the remote test (tests/remote: smart HTTP as CGI, sshd)
pkgs="build-essential cmake pkg-config git libgit2-dev libicu-dev libcmocka-dev man-db groff-base libpoppler-glib-dev
libxml2-dev libxml2-utils nettle-dev strace python3 liblzma-dev clang libclang-rt-14-dev
lighttpd openssh-server openssh-client"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
