#!/bin/sh
# tests/remote/tls.sh: clone, pull and push over HTTPS load CA certificates
# (the executable makes libgit2's init load none: cmd/startup.c), and only
# when a remote is https.
#
#   sh tests/remote/tls.sh BUILD/resdiff SRCDIR
#
# An HTTPS server on loopback (python3's ssl, a throwaway certificate for
# localhost) answers 404 to everything: a clone that trusts the certificate
# ($SSL_CERT_FILE) gets as far as the 404; one that does not (the system
# bundle, read from /etc/ssl/certs/ca-certificates.crt) stops at the
# certificate. A clone and a pull over file:// open no CA file (strace).
# Exits 77 ("skipped: why") without python3, openssl or strace.
name=remote_tls
. "$(dirname "$0")/../lib/sandbox.sh"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for tool in python3 openssl strace timeout; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done
unset SSL_CERT_FILE SSL_CERT_DIR
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost >/dev/null 2>&1 || skip "openssl cannot make a certificate"
cat >"$work/server.py" <<'PY'
import http.server, ssl, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
    do_POST = do_GET
    def log_message(self, *a): pass
s = http.server.HTTPServer(("localhost", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(sys.argv[1], sys.argv[2])
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$work/server.py" "$work/cert.pem" "$work/key.pem" >"$work/port" 2>"$work/server.err" &
pid=$!
i=0
while [ ! -s "$work/port" ]; do
  i=$((i + 1)); [ $i -gt 100 ] && skip "the HTTPS server did not start: $(cat "$work/server.err")"
  sleep 0.1
done
url="https://localhost:$(cat "$work/port")/corpus.git"

SSL_CERT_FILE="$work/cert.pem" timeout 60 "$bin" clone "$url" "$work/trusted" >"$work/out" 2>&1; rc=$?
[ $rc -eq 2 ] || fail "clone from a 404 server exits $rc: $(cat "$work/out")"
grep -q "404" "$work/out" || fail "trusting the certificate, the clone did not reach HTTP: $(cat "$work/out")"
grep -qi "certificate" "$work/out" && fail "trusting the certificate, the clone says: $(cat "$work/out")"
[ -e "$work/trusted" ] && fail "a failed clone left its directory"
say "\$SSL_CERT_FILE naming the server's certificate: TLS succeeds (the server's 404 is reported)"

bundle=/etc/ssl/certs/ca-certificates.crt
if [ -f "$bundle" ]; then
  ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$work/trace" \
    timeout 60 "$bin" clone "$url" "$work/untrusted" >"$work/out" 2>&1; rc=$?
  [ $rc -eq 2 ] || fail "clone from an untrusted server exits $rc: $(cat "$work/out")"
  grep -qi "certificate" "$work/out" || fail "an untrusted certificate: $(cat "$work/out")"
  grep -q "open.*$bundle" "$work/trace" || fail "the https clone did not read $bundle"
  say "the system bundle is read for https, and a certificate it does not vouch for is refused"
else
  say "no $bundle: the system bundle case is skipped"
fi

# no CA file for a path or file:// (nor for diff: tests/startup/no_ca.sh)
"$bin" init "$work/hub.git" >/dev/null &&
  "$bin" -C "$work/hub.git" import -q --manifest "$src/corpus/corpus.manifest" >/dev/null || fail "the hub"
ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$work/trace" \
  "$bin" clone "file://$work/hub.git" "$work/copy" >/dev/null 2>&1 || fail "clone over file://"
ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat -o "$work/trace2" \
  "$bin" -C "$work/copy" pull >/dev/null 2>&1 || fail "pull over file://"
if grep -E 'open.*(ca-certificates|/etc/ssl/certs)' "$work/trace" "$work/trace2"; then
  fail "a clone or pull over file:// read CA certificates"
fi
say "a clone and a pull over file:// read no CA certificates"
say "all passed"
