#!/usr/bin/env bash
# Load benchmark: wx-gateway against nginx proxy_pass of the same requests to the same
# backend, in one run, on 127.0.0.1 only. Prints req/s, p50/p99 latency and peak RSS of each,
# and the ratios. Installs wrk and nginx (Debian packages) when missing.
#
#   bash benches/load/load.sh                       # 10 s per run, 64 connections, 2 wrk threads
#   WXG_DURATION=20s WXG_CONNS=128 bash benches/load/load.sh
#   WXG_CLUSTER=1 bash benches/load/load.sh         # also: nginx to one instance (embedded state)
#                                                   # vs nginx to two sharing the Redis on :6379
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${WXG_DURATION:-10s}
CONNS=${WXG_CONNS:-64}
THREADS=${WXG_THREADS:-2}
COUNT=${WXG_COUNT:-600000}
GW_PORT=18080 BACKEND_PORT=18081 FLOOR_PORT=18082
TOKEN=benchtoken APP_ID=wx0123456789abcdef AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG

need() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
if ! need wrk || ! need nginx; then
  echo "installing wrk and nginx (Debian packages)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq wrk nginx-light >/dev/null 2>&1 || apt-get install -y -qq wrk nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

cargo build --release --locked -q --bin wx-gateway --example bench_requests
BIN=target/release/wx-gateway
GEN=target/release/examples/bench_requests

work=$(mktemp -d /tmp/wxg-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/backend/nginx.pid" ] && kill "$(cat "$work/backend/nginx.pid")" 2>/dev/null || true
  for n in floor lb1 lb2; do
    [ -f "$work/$n/nginx.pid" ] && kill "$(cat "$work/$n/nginx.pid")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

nginx_conf() { # name workers server-block
  mkdir -p "$work/$1"
  cat > "$work/$1/nginx.conf" <<CONF
worker_processes $2;
pid $work/$1/nginx.pid;
error_log $work/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/$1/body;
  proxy_temp_path $work/$1/proxy;
  fastcgi_temp_path $work/$1/fastcgi;
  uwsgi_temp_path $work/$1/uwsgi;
  scgi_temp_path $work/$1/scgi;
  keepalive_requests 1000000;
  $3
}
CONF
  "$NGINX" -c "$work/$1/nginx.conf" -p "$work/$1" 2>>"$work/$1/error.log"
}

# The fixed fast backend: answers every push with a text reply.
nginx_conf backend 1 "server { listen 127.0.0.1:$BACKEND_PORT; location / { default_type application/json; return 200 '{\"type\":\"text\",\"msg\":\"ok\"}'; } }"
# The floor: nginx proxy_pass of the same requests to the same backend, pooled keep-alive.
nginx_conf floor 2 "upstream be { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server { listen 127.0.0.1:$FLOOR_PORT; location / { proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_pass http://be/hook/msg/text; } }"

cat > "$work/gateway.json" <<CONF
{"listen-host":"127.0.0.1","listen-port":$GW_PORT,"replay-cache-capacity":2000000,"spool":{"dir":"$work/spool","max-age":86400},"services":[{"name":"bench","workerNum":1024,
 "wx-params":{"token":"$TOKEN","app-id":"$APP_ID","aes-key":"$AES_KEY"},
 "listen-endpoints":{"service-path":"/wx"},"msg-proxy-pass":"http://127.0.0.1:$BACKEND_PORT/hook"}]}
CONF
"$BIN" serve --config "$work/gateway.json" 2>"$work/gateway.log" &
gw_pid=$!
pids+=("$gw_pid")

for i in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$GW_PORT/healthz" >/dev/null 2>&1 && curl -sf -X POST "http://127.0.0.1:$FLOOR_PORT/" >/dev/null 2>&1 && break
  sleep 0.1
done

echo "generating $COUNT distinct signed pushes per mode..." >&2
# Signed now (the gateway's 300 s timestamp window), each file with its own nonce and MsgId
# range: no request is a retry or a replay of another.
TS=$(date +%s)
"$GEN" plain "$COUNT" "$TOKEN" "$APP_ID" "$AES_KEY" "$TS" 100000000 > "$work/plain.txt"
"$GEN" safe "$COUNT" "$TOKEN" "$APP_ID" "$AES_KEY" "$TS" 200000000 > "$work/safe.txt"
"$GEN" plain 20000 "$TOKEN" "$APP_ID" "$AES_KEY" "$TS" 300000000 > "$work/warm.txt"

to_ms() { # wrk latency ("850.00us", "1.20ms", "1.01s") -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

run() { # label port file -> sets RPS P50 P99
  local out
  out=$(WXG_REQUESTS="$3" WXG_THREADS="$THREADS" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s benches/load/requests.lua "http://127.0.0.1:$2" 2>&1)
  echo "$out" > "$work/wrk-$1.txt"
  RPS=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
  P50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  P99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  if echo "$out" | grep -q "Non-2xx\|Socket errors\|ran out"; then
    echo "$out" | grep "Non-2xx\|Socket errors\|ran out" | sed "s/^/  [$1] /" >&2
  fi
}

hwm_kib() { awk '/VmHWM/ { s += $2 } END { print s + 0 }' $(for p in "$@"; do echo "/proc/$p/status"; done) 2>/dev/null; }
floor_pids() { local m; m=$(cat "$work/floor/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; }

# Warm both up (connection pools, page cache), then measure.
WXG_REQUESTS="$work/warm.txt" wrk -t"$THREADS" -c"$CONNS" -d2s -s benches/load/requests.lua "http://127.0.0.1:$GW_PORT" >/dev/null 2>&1 || true
WXG_REQUESTS="$work/warm.txt" wrk -t"$THREADS" -c"$CONNS" -d2s -s benches/load/requests.lua "http://127.0.0.1:$FLOOR_PORT" >/dev/null 2>&1 || true

run nginx "$FLOOR_PORT" "$work/safe.txt";  N_RPS=$RPS N_P50=$P50 N_P99=$P99
run plain "$GW_PORT" "$work/plain.txt";    PL_RPS=$RPS PL_P50=$P50 PL_P99=$P99
run safe "$GW_PORT" "$work/safe.txt";      S_RPS=$RPS S_P50=$P50 S_P99=$P99

GW_RSS=$(hwm_kib "$gw_pid")
# shellcheck disable=SC2046
N_RSS=$(hwm_kib $(floor_pids))
forwarded=$(grep -c '"push"\| push ' "$work/gateway.log" || true)
errors=$(grep -c 'backend-error\|push refused\|not forwarded' "$work/gateway.log" || true)

printf '\n%-28s %12s %10s %10s %12s\n' "run ($CONNS conns, $DURATION)" "req/s" "p50 ms" "p99 ms" "peak RSS"
printf '%-28s %12s %10s %10s %9s MiB\n' "nginx proxy_pass (floor)" "$N_RPS" "$N_P50" "$N_P99" "$(awk -v k="$N_RSS" 'BEGIN{printf "%.1f", k/1024}')"
printf '%-28s %12s %10s %10s %9s MiB\n' "wx-gateway plain" "$PL_RPS" "$PL_P50" "$PL_P99" "-"
printf '%-28s %12s %10s %10s %9s MiB\n' "wx-gateway safe" "$S_RPS" "$S_P50" "$S_P99" "$(awk -v k="$GW_RSS" 'BEGIN{printf "%.1f", k/1024}')"
echo
awk -v s="$S_RPS" -v p="$PL_RPS" -v n="$N_RPS" 'BEGIN {
  printf "ratio safe/nginx  = %.2f (target >= 0.50)\n", s / n
  printf "ratio plain/nginx = %.2f\n", p / n }'
echo "gateway log: $forwarded pushes answered, $errors backend errors or refusals"

[ "${WXG_CLUSTER:-0}" = 1 ] || exit 0
# Several instances (README, "Running several instances"): nginx in front of one instance with
# embedded state, then in front of two sharing the machine's Redis (their own key prefix).
LB1_PORT=18083 LB2_PORT=18084 C1_PORT=18085 C2_PORT=18086
prefix="wxgw-bench-$$:"
lb_conf() { # name port servers...
  local name=$1 port=$2; shift 2
  local servers=""
  for p in "$@"; do servers="$servers server 127.0.0.1:$p;"; done
  nginx_conf "$name" 1 "upstream gws { $servers keepalive 128; }
  server { listen 127.0.0.1:$port; location / { proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_pass http://gws; } }"
}
for port in $C1_PORT $C2_PORT; do
  cat > "$work/cluster-$port.json" <<CONF
{"listen-host":"127.0.0.1","listen-port":$port,"replay-cache-capacity":2000000,"redis":"redis://127.0.0.1:6379/0","redis-prefix":"$prefix","services":[{"name":"bench","workerNum":1024,
 "wx-params":{"token":"$TOKEN","app-id":"$APP_ID","aes-key":"$AES_KEY"},
 "listen-endpoints":{"service-path":"/wx"},"msg-proxy-pass":"http://127.0.0.1:$BACKEND_PORT/hook"}]}
CONF
  "$BIN" serve --config "$work/cluster-$port.json" 2>"$work/cluster-$port.log" &
  pids+=("$!")
done
lb_conf lb1 "$LB1_PORT" "$GW_PORT"
lb_conf lb2 "$LB2_PORT" "$C1_PORT" "$C2_PORT"
for i in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$C1_PORT/healthz" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$C2_PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
"$GEN" safe "$COUNT" "$TOKEN" "$APP_ID" "$AES_KEY" "$TS" 400000000 > "$work/lb1.txt"
"$GEN" safe "$COUNT" "$TOKEN" "$APP_ID" "$AES_KEY" "$TS" 500000000 > "$work/lb2.txt"
"$GEN" plain 20000 "$TOKEN" "$APP_ID" "$AES_KEY" "$TS" 600000000 > "$work/warm2.txt"
WXG_REQUESTS="$work/warm2.txt" wrk -t"$THREADS" -c"$CONNS" -d2s -s benches/load/requests.lua "http://127.0.0.1:$LB2_PORT" >/dev/null 2>&1 || true
calls() { redis-cli -p 6379 info commandstats | awk -F'[=,:]' '/^cmdstat_/ { s += $3 } END { print s + 0 }'; }
run lb-one "$LB1_PORT" "$work/lb1.txt"; L1_RPS=$RPS L1_P50=$P50 L1_P99=$P99
before=$(calls)
run lb-two "$LB2_PORT" "$work/lb2.txt"; L2_RPS=$RPS L2_P50=$P50 L2_P99=$P99
after=$(calls)
answered=$(awk '/Requests\/sec/ { next } / requests in / { print $1 }' "$work/wrk-lb-two.txt")
redis-cli -p 6379 --scan --pattern "$prefix*" | xargs -r -n 500 redis-cli -p 6379 del >/dev/null
printf '\n%-28s %12s %10s %10s\n' "safe, through nginx" "req/s" "p50 ms" "p99 ms"
printf '%-28s %12s %10s %10s\n' "one instance, embedded" "$L1_RPS" "$L1_P50" "$L1_P99"
printf '%-28s %12s %10s %10s\n' "two instances, Redis" "$L2_RPS" "$L2_P50" "$L2_P99"
awk -v a="$L2_RPS" -v b="$L1_RPS" -v c="$((after - before))" -v n="$answered" 'BEGIN {
  printf "ratio two-with-Redis / one-embedded = %.2f\n", a / b
  printf "Redis commands per push = %.2f, those inside Lua scripts included (%d commands, %d pushes)\n", c / n, c, n }'
