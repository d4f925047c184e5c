"""Idle TLS connections against the real adapter binary: how many it keeps open and what they cost in RSS.

usage (from the repository root, after `dotnet build tests/MetricsAdapter.Tests -c Release`; `ulimit -n 8192` first):
  python3 bench/idle_connections.py tests/MetricsAdapter.Tests/bin/Release/net10.0/Autoscale.MetricsAdapter.dll 2000 -     # default --max-connections
  python3 bench/idle_connections.py tests/MetricsAdapter.Tests/bin/Release/net10.0/Autoscale.MetricsAdapter.dll 2000 200   # --max-connections=200
Loopback only; the adapter runs with a throw-away kubeconfig pointing at a closed port (it never needs the cluster here).
"""
import os, socket, ssl, subprocess, sys, tempfile, time
BIN = sys.argv[1]; N = int(sys.argv[2]); MAX = sys.argv[3]
s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
kc = os.path.join(tempfile.mkdtemp(), 'kubeconfig')
open(kc, 'w').write('apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n')
args = ['dotnet', BIN, 'serve', '--bind-address=127.0.0.1', f'--secure-port={port}', '--metrics-port=-1', '--authentication-skip-lookup',
        '--authorization-mode=allow-authenticated', f'--kubeconfig={kc}'] + ([f'--max-connections={MAX}'] if MAX != '-' else [])
p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def rss():
    for line in open(f'/proc/{p.pid}/status'):
        if line.startswith('VmRSS'): return int(line.split()[1]) // 1024
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
for _ in range(100):
    try:
        c = ctx.wrap_socket(socket.create_connection(('127.0.0.1', port)), server_hostname='localhost'); c.close(); break
    except OSError: time.sleep(0.2)
time.sleep(3); before = rss()
conns, refused = [], 0
for i in range(N):
    try:
        c = ctx.wrap_socket(socket.create_connection(('127.0.0.1', port), timeout=10), server_hostname='localhost')
        conns.append(c)
    except (OSError, ssl.SSLError):
        refused += 1
time.sleep(3)
# which of the held connections are still open (the server closes the ones over the limit)
alive = 0
for c in conns:
    try:
        c.settimeout(0.01); d = c.recv(1)
        if d == b'': continue
        alive += 1
    except (socket.timeout, ssl.SSLWantReadError, TimeoutError): alive += 1
    except (OSError, ssl.SSLError): pass
after = rss()
print(f'max-connections={MAX} attempted={N} handshakes_ok={len(conns)} refused={refused} alive_after_3s={alive} rss_before={before}MB rss_after={after}MB delta={after-before}MB')
for c in conns: c.close()
p.terminate(); p.wait()
