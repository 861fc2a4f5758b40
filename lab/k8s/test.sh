#!/bin/bash
# Shell tests of the lab's Kubernetes TEST STAND-INS (lab/k8s; never shipped in the product): the
# seed's manual steps done by hand with the stand-ins on two lab hosts, node10 (master) and
# node11 (worker), which must be up (lab/up.sh 11). Resets both hosts first.
# Last line: "N passed, M failed"; exit status non-zero when something failed.
# Usage: lab/k8s/test.sh [MASTER WORKER]   (default: node10 node11)
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
need_root

M=${1:-node10} W=${2:-node11}
[ -f "$HOSTS_TXT" ] || die "lab is not up (no $HOSTS_TXT); run lab/up.sh 11"
MA=$(awk -v n="$M" '$1==n{print $2}' "$HOSTS_TXT"); WA=$(awk -v n="$W" '$1==n{print $2}' "$HOSTS_TXT")
[ -n "$MA" ] && [ -n "$WA" ] || die "$M and $W must be up (lab/up.sh 11)"

PASS=0 FAIL=0
ok()   { PASS=$((PASS+1)); printf 'ok   - %s\n' "$1"; }
bad()  { FAIL=$((FAIL+1)); printf 'FAIL - %s\n' "$1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | tail -6 | sed 's/^/       /'; }
# check "description" host command   (passes when the command exits 0 on the host)
check() { local d=$1 h=$2 out; shift 2; if out=$(on "$h" "$@" 2>&1); then ok "$d"; else bad "$d" "$out"; fi; }
# check_not "description" host command   (passes when the command fails)
check_not() { local d=$1 h=$2 out; shift 2; if out=$(on "$h" "$@" 2>&1); then bad "$d" "command succeeded: $out"; else ok "$d"; fi; }
# expect_fail "description" host 'command' 'expected text'   (the command fails and its output has the text)
expect_fail() {
  local d=$1 h=$2 cmd=$3 want=$4 out rc
  out=$(on "$h" "$cmd" 2>&1); rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$want" <<<"$out"; then ok "$d"; else bad "$d" "rc=$rc, wanted [$want] in: $out"; fi
}
on() { local h=$1; shift; ssh -F "$SSH_CONFIG" -o ConnectTimeout=5 "$h" "$@" </dev/null; }
t0=$SECONDS
# Rigger runs (the kubelet and kubectl_apply checks): the CLI jar, built beforehand (mvn install)
RIGGER_JAR=${RIGGER_JAR:-$LAB_DIR/../engine/cli/target/rigger.jar}
RUN_DIR=$(mktemp -d /tmp/rigger-k8s-test.XXXXXX); trap 'rm -rf "$RUN_DIR"' EXIT
mkdir -p "$RUN_DIR/pb/manifests" && cp "$LAB_DIR"/k8s/playbooks/*.yml "$RUN_DIR/pb/" && cp "$LAB_DIR"/../playbooks/manifests/* "$RUN_DIR/pb/manifests/"
key=$STATE/ssh/id_ed25519
printf '[master]\n%s ansible_host=%s ansible_user=root ansible_ssh_private_key_file=%s\n[workers]\n%s ansible_host=%s ansible_user=root ansible_ssh_private_key_file=%s\n' \
  "$M" "$MA" "$key" "$W" "$WA" "$key" > "$RUN_DIR/inv.ini"
# rigger NAME PLAYBOOK [ARGS...]: runs it, output in $RUN_DIR/NAME.out; recap_is NAME HOST 'changed=0 ... failed=0'
rigger() { local n=$1 pb=$2; shift 2; java -jar "$RIGGER_JAR" play -i "$RUN_DIR/inv.ini" --known-hosts "$STATE/ssh/known_hosts" "$RUN_DIR/pb/$pb" "$@" > "$RUN_DIR/$n.out" 2>&1; }
recap() { grep -E "^$2 +: " "$RUN_DIR/$1.out"; }
[ -f "$RIGGER_JAR" ] || echo "# no $RIGGER_JAR: the Rigger checks will fail (mvn -o -q install -DskipTests first)"

echo "# fresh $M and $W"
"$LAB_DIR/reset.sh" "$M" "$W" || die "reset failed"
repo="printf '[kubernetes]\nname=Kubernetes\nbaseurl=file://$STATE/repo/kubernetes\nenabled=1\ngpgcheck=0\n' > /etc/yum.repos.d/kubernetes.repo"
kernel_ok="sed -i '/^[^#].*[[:space:]]swap[[:space:]]/s/^/#/' /etc/fstab && printf 'net.bridge.bridge-nf-call-iptables = 1\nnet.ipv4.ip_forward = 1\n' > /etc/sysctl.d/k8s.conf"

echo "# simulated kernel state (labproc)"
check "fresh host: swap is on (the fstab swap entry)" "$M" "[ \$($STATE/repo/k8s/labproc /proc/swaps | wc -l) = 2 ]"
check "fresh host: bridge-nf-call-iptables is 0" "$M" "[ \$($STATE/repo/k8s/labproc /proc/sys/net/bridge/bridge-nf-call-iptables) = 0 ]"
check "an override file under /etc/rigger-lab/proc wins" "$W" "mkdir -p /etc/rigger-lab/proc && printf 'Filename Type\n' > /etc/rigger-lab/proc/swaps && [ \$($STATE/repo/k8s/labproc /proc/swaps | wc -l) = 1 ] && rm -r /etc/rigger-lab"

echo "# packages"
for h in "$M" "$W"; do
  check "$h: yum install kubelet/kubeadm/kubectl 1.16.2" "$h" "$repo && yum install -y -q kubelet-1.16.2 kubeadm-1.16.2 kubectl-1.16.2 >/dev/null 2>&1 && rpm -q kubeadm kubectl kubelet | grep -c 1.16.2-0 | grep -qx 3"
done
check "kubeadm version -o short is v1.16.2" "$M" "[ \"\$(kubeadm version -o short)\" = v1.16.2 ]"
check "/usr/bin/kubectl is one real kubectl binary (a build of one minor version, as on a real node)" "$M" "readlink /usr/bin/kubectl | grep -Eq '^/usr/lib/google-cloud-sdk/bin/kubectl\.1\.[0-9]+\$' && kubectl version --client -o json | grep -q gitVersion"

echo "# kubelet before init/join: crash-loops as the real one (systemd: activating (auto-restart))"
check "systemctl enable + start kubelet on $W succeed (start returns once the process runs)" "$W" "systemctl enable kubelet && systemctl start kubelet"
check "... then is-active says activating, exit 3 (no /var/lib/kubelet/config.yaml yet)" "$W" \
  "sleep 2.5; s=\$(systemctl is-active kubelet); rc=\$?; [ \"\$s\" = activating ] && [ \$rc = 3 ]"
check "... status says Active: activating (auto-restart), the process lives (stop works)" "$W" \
  "systemctl status kubelet | grep -q 'Active: activating (auto-restart)' && pgrep -x kubelet >/dev/null && systemctl stop kubelet && [ \"\$(systemctl is-active kubelet)\" = inactive ]"
if rigger kubelet1 kubelet.yml -l "$W" && recap kubelet1 "$W" | grep -q 'changed=1 .*failed=0'; then ok "rigger service kubelet started on $W: changed=1"; else bad "rigger service kubelet started on $W: changed=1" "$(tail -8 "$RUN_DIR/kubelet1.out")"; fi
check "... kubelet is crash-looping now" "$W" "sleep 2.5; [ \"\$(systemctl is-active kubelet)\" = activating ]"
if rigger kubelet2 kubelet.yml -l "$W" && recap kubelet2 "$W" | grep -q 'changed=0 .*failed=0'; then ok "second rigger run while activating: changed=0, failed=0 (activating is running, as in Ansible)"; else bad "second rigger run while activating: changed=0, failed=0" "$(tail -8 "$RUN_DIR/kubelet2.out")"; fi

echo "# kubeadm.yaml"
check "config print init-defaults > kubeadm.yaml (v1beta2, node name = host name)" "$M" \
  "kubeadm config print init-defaults > /root/kubeadm.yaml && grep -q 'apiVersion: kubeadm.k8s.io/v1beta2' /root/kubeadm.yaml && grep -q '  name: $M' /root/kubeadm.yaml && grep -q 'kubernetesVersion: v1.16.0' /root/kubeadm.yaml && grep -q 'advertiseAddress: 1.2.3.4' /root/kubeadm.yaml"
check "edit it as the operator does" "$M" \
  "sed -i 's/advertiseAddress: 1.2.3.4/advertiseAddress: $MA/; s/kubernetesVersion: v1.16.0/kubernetesVersion: v1.16.2/; s#imageRepository: k8s.gcr.io#imageRepository: registry.aliyuncs.com/google_containers#; s#^  serviceSubnet: 10.96.0.0/12#  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12#' /root/kubeadm.yaml && grep -q 'podSubnet: 10.244.0.0/16' /root/kubeadm.yaml"
check "config images list: 7 images from the mirror" "$M" \
  "kubeadm config images list --config /root/kubeadm.yaml > /tmp/img && [ \$(grep -c '^registry.aliyuncs.com/google_containers/' /tmp/img) = 7 ] && grep -qx 'registry.aliyuncs.com/google_containers/kube-apiserver:v1.16.2' /tmp/img && grep -qx 'registry.aliyuncs.com/google_containers/etcd:3.3.15-0' /tmp/img"
check "config images pull: each image [config/images] Pulled" "$M" \
  "[ \$(kubeadm config images pull --config /root/kubeadm.yaml | grep -c '^\[config/images\] Pulled ') = 7 ]"
expect_fail "invalid advertiseAddress is refused" "$M" \
  "sed 's/advertiseAddress: .*/advertiseAddress: 172.16.10.300/' /root/kubeadm.yaml > /tmp/bad.yaml && kubeadm init --config /tmp/bad.yaml" \
  'localAPIEndpoint.advertiseAddress: Invalid value: "172.16.10.300"'
expect_fail "invalid podSubnet is refused" "$M" \
  "sed 's#podSubnet: .*#podSubnet: 10.244.0.0/33#' /root/kubeadm.yaml > /tmp/bad.yaml && kubeadm config images list --config /tmp/bad.yaml >/dev/null && kubeadm init --config /tmp/bad.yaml" \
  'networking.podSubnet: Invalid value: "10.244.0.0/33": couldn'"'"'t parse subnet'
expect_fail "unknown apiVersion is refused" "$M" \
  "sed 's#kubeadm.k8s.io/v1beta2#kubeadm.k8s.io/v1beta9#' /root/kubeadm.yaml > /tmp/bad.yaml && kubeadm init --config /tmp/bad.yaml" \
  'no kind "InitConfiguration" is registered for version "kubeadm.k8s.io/v1beta9"'
expect_fail "unknown kind is refused" "$M" \
  "sed 's#kind: ClusterConfiguration#kind: ClusterConfig#' /root/kubeadm.yaml > /tmp/bad.yaml && kubeadm init --config /tmp/bad.yaml" \
  'no kind "ClusterConfig" is registered'

echo "# init preflight (each condition alone)"
expect_fail "init with swap on fails with kubeadm's message" "$M" \
  "printf 'net.bridge.bridge-nf-call-iptables = 1\nnet.ipv4.ip_forward = 1\n' > /etc/sysctl.d/k8s.conf && kubeadm init --config /root/kubeadm.yaml" \
  '[ERROR Swap]: running with swap on is not supported. Please disable swap'
check "... and changes nothing" "$M" "[ ! -e /etc/kubernetes/admin.conf ] && [ ! -e /etc/kubernetes/manifests/kube-apiserver.yaml ] && ! ls -A /var/lib/etcd 2>/dev/null | grep -q ."
expect_fail "init with bridge-nf-call-iptables 0 fails" "$M" \
  "$kernel_ok && echo 'net.bridge.bridge-nf-call-iptables = 0' >> /etc/sysctl.d/k8s.conf && kubeadm init --config /root/kubeadm.yaml" \
  '[ERROR FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]: /proc/sys/net/bridge/bridge-nf-call-iptables contents are not set to 1'
expect_fail "init with a non-empty /var/lib/etcd fails" "$M" \
  "$kernel_ok && mkdir -p /var/lib/etcd/member && touch /var/lib/etcd/member/x && kubeadm init --config /root/kubeadm.yaml" \
  '[ERROR DirAvailable--var-lib-etcd]: /var/lib/etcd is not empty'
check "only that check failed (no other [ERROR])" "$M" "kubeadm init --config /root/kubeadm.yaml 2>&1 | grep -c '\[ERROR' | grep -qx 1"
check "clean /var/lib/etcd" "$M" "rm -rf /var/lib/etcd/member"

echo "# init"
check "kubeadm init --config kubeadm.yaml succeeds" "$M" "kubeadm init --config /root/kubeadm.yaml > /root/init.out 2>&1; rc=\$?; tail -5 /root/init.out; exit \$rc"
check "prints the success text" "$M" "grep -qx 'Your Kubernetes control-plane has initialized successfully!' /root/init.out"
check "prints kubeadm's join command (token, CA hash of the real CA key)" "$M" \
  "h=\$(openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt | openssl rsa -pubin -outform der 2>/dev/null | sha256sum | cut -d' ' -f1) && grep -qx 'kubeadm join $MA:6443 --token abcdef.0123456789abcdef \\\\' /root/init.out && grep -qx \"    --discovery-token-ca-cert-hash sha256:\$h \" /root/init.out"
check "writes admin.conf, kubelet.conf, pki/ca.crt and the 4 static-pod manifests" "$M" \
  "cd /etc/kubernetes && ls admin.conf kubelet.conf controller-manager.conf scheduler.conf pki/ca.crt pki/ca.key pki/apiserver.crt manifests/etcd.yaml manifests/kube-apiserver.yaml manifests/kube-controller-manager.yaml manifests/kube-scheduler.yaml >/dev/null && grep -q 'server: https://$MA:6443' admin.conf && grep -q certificate-authority-data admin.conf && grep -q client-certificate-data admin.conf"
check "/var/lib/etcd is not empty any more" "$M" "ls -A /var/lib/etcd | grep -q ."
check "the API stand-in answers on $MA:6443 (HTTPS, the cluster CA)" "$M" "curl -sf --cacert /etc/kubernetes/pki/ca.crt https://$MA:6443/healthz | grep -qx ok"
expect_fail "a second init fails (port, manifests, etcd dir)" "$M" "kubeadm init --config /root/kubeadm.yaml" '[ERROR Port-6443]: Port 6443 is in use'
check "... naming the manifests and /var/lib/etcd too" "$M" \
  "kubeadm init --config /root/kubeadm.yaml 2>&1 | grep -q 'ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml\]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists' && kubeadm init --config /root/kubeadm.yaml 2>&1 | grep -q 'ERROR DirAvailable--var-lib-etcd'"

echo "# kubectl on the master"
check "/root/.kube/config from admin.conf (0600)" "$M" "mkdir -p /root/.kube && cp /etc/kubernetes/admin.conf /root/.kube/config && chmod 600 /root/.kube/config"
check "kubectl get nodes -o json: $M, Ready, v1.16.2" "$M" \
  "kubectl get nodes -o json | python3 -c 'import json,sys; d=json.load(sys.stdin); n=d[\"items\"]; assert [x[\"metadata\"][\"name\"] for x in n]==[\"$M\"], n; c={x[\"type\"]:x[\"status\"] for x in n[0][\"status\"][\"conditions\"]}; assert c[\"Ready\"]==\"True\"; assert n[0][\"status\"][\"nodeInfo\"][\"kubeletVersion\"]==\"v1.16.2\"'"
check "kube-system has the control-plane pods, coredns x2, kube-proxy" "$M" \
  "kubectl get pods -n kube-system -o json | python3 -c 'import json,sys; p=[x[\"metadata\"][\"name\"] for x in json.load(sys.stdin)[\"items\"]]; need=[\"etcd-$M\",\"kube-apiserver-$M\",\"kube-controller-manager-$M\",\"kube-scheduler-$M\"]; assert all(x in p for x in need), p; assert len([x for x in p if x.startswith(\"coredns-\")])==2, p; assert len([x for x in p if x.startswith(\"kube-proxy-\")])==1, p'"
check "kubectl is the build of the server's minor version (kubeadm's nodes install the cluster's)" "$M" \
  "kubectl version -o json | python3 -c 'import json,sys; v=json.load(sys.stdin); c,s=v[\"clientVersion\"],v[\"serverVersion\"]; assert (c[\"major\"],c[\"minor\"])==(s[\"major\"],s[\"minor\"]), v'"
check "namespaces default, kube-system, kube-public" "$M" "kubectl get ns default kube-system kube-public -o name | wc -l | grep -qx 3"

echo "# tokens"
check "token create --print-join-command: a new token each call" "$M" \
  "a=\$(kubeadm token create --print-join-command) && b=\$(kubeadm token create --print-join-command) && [ \"\$a\" != \"\$b\" ] && echo \"\$a\" | grep -Eq '^kubeadm join $MA:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} +--discovery-token-ca-cert-hash sha256:[0-9a-f]{64} ?\$'"
check "token list shows the tokens" "$M" "kubeadm token list | head -1 | grep -q '^TOKEN  *TTL  *EXPIRES  *USAGES' && kubeadm token list | grep -c 'authentication,signing' | grep -qx 3"

echo "# join"
join=$(on "$M" "kubeadm token create --print-join-command")
expect_fail "join on a fresh worker fails on swap (the seed's failure)" "$W" "$join" '[ERROR Swap]: running with swap on is not supported. Please disable swap'
check "turn swap off, set the sysctls on $W" "$W" "$kernel_ok"
expect_fail "join with a wrong CA hash fails" "$W" "$(sed -E 's/sha256:[0-9a-f]{4}/sha256:0000/' <<<"$join")" 'none of the public keys'
expect_fail "join with an unknown token fails" "$W" "$(sed -E 's/--token [a-z0-9]{6}\./--token zzzzzz./' <<<"$join")" 'is invalid for this cluster or it has expired'
check "join with the printed command succeeds" "$W" "$join > /root/join.out 2>&1; rc=\$?; tail -3 /root/join.out; exit \$rc"
check "... prints 'This node has joined the cluster:'" "$W" "grep -qx 'This node has joined the cluster:' /root/join.out"
check "... wrote kubelet.conf and pki/ca.crt" "$W" "grep -q 'server: https://$MA:6443' /etc/kubernetes/kubelet.conf && [ -s /etc/kubernetes/pki/ca.crt ]"
check "after the join, $W's kubelet is active (the join restarted it with its config)" "$W" "sleep 0.5; [ \"\$(systemctl is-active kubelet)\" = active ]"
check "kubectl get nodes -o json lists $M and $W" "$M" \
  "kubectl get nodes -o json | python3 -c 'import json,sys; n=sorted(x[\"metadata\"][\"name\"] for x in json.load(sys.stdin)[\"items\"]); assert n==sorted([\"$M\",\"$W\"]), n'"
expect_fail "a second join fails (kubelet.conf exists)" "$W" "$join" '[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists'

echo "# kubectl apply / diff / delete (reduced flannel)"
ssh -F "$SSH_CONFIG" "$M" "cat > /root/flannel.yml" < "$LAB_DIR/k8s/manifests/flannel-mini.yml"
check "apply creates the 4 objects" "$M" "kubectl apply -f /root/flannel.yml > /tmp/a1 && [ \$(grep -c ' created\$' /tmp/a1) = 4 ]"
check "apply again: all unchanged" "$M" "kubectl apply -f /root/flannel.yml > /tmp/a2 && [ \$(grep -c ' unchanged\$' /tmp/a2) = 4 ]"
check "diff of the unchanged manifest: exit 0, no output" "$M" "[ -z \"\$(kubectl diff -f /root/flannel.yml)\" ]"
check "the DaemonSet runs a pod on each node" "$M" "[ \$(kubectl get pods -n kube-system -l app=flannel -o name | wc -l) = 2 ] && kubectl rollout status ds/kube-flannel-ds-amd64 -n kube-system --timeout=10s"
check "change one ConfigMap value: diff shows that line only, exit 1" "$M" \
  "sed 's/\"Type\": \"vxlan\"/\"Type\": \"host-gw\"/' /root/flannel.yml > /root/flannel2.yml; kubectl diff -f /root/flannel2.yml > /tmp/d; rc=\$?; [ \$rc = 1 ] && grep -q '^-        \"Type\": \"vxlan\"' /tmp/d && grep -q '^+        \"Type\": \"host-gw\"' /tmp/d && [ \$(grep -c '^+++ ' /tmp/d) = 1 ] && grep -q '^+++ .*ConfigMap.kube-system.kube-flannel-cfg' /tmp/d"
check "apply says configured for the ConfigMap only" "$M" \
  "kubectl apply -f /root/flannel2.yml > /tmp/a3 && grep -qx 'configmap/kube-flannel-cfg configured' /tmp/a3 && [ \$(grep -c ' unchanged\$' /tmp/a3) = 3 ] && kubectl get cm kube-flannel-cfg -n kube-system -o jsonpath='{.data.net-conf\.json}' | grep -q host-gw"
check "delete -f deletes the 4 objects and the DaemonSet's pods" "$M" \
  "kubectl delete -f /root/flannel2.yml > /tmp/del && [ \$(grep -c ' deleted\$' /tmp/del) = 4 ] && ! kubectl get cm kube-flannel-cfg -n kube-system 2>/dev/null && [ \$(kubectl get pods -n kube-system -l app=flannel -o name | wc -l) = 0 ]"
check "kubectl get pods -n kube-system (table): Running, kube-proxy on both nodes" "$M" \
  "kubectl get pods -n kube-system > /tmp/p && head -1 /tmp/p | grep -q '^NAME  *READY  *STATUS  *RESTARTS  *AGE' && [ \$(grep -c ' Running ' /tmp/p) = \$((\$(wc -l < /tmp/p) - 1)) ] && [ \$(grep -c '^kube-proxy-' /tmp/p) = 2 ]"

echo "# imperative kubectl (the dashboard admin of the seed)"
check "kubectl create serviceaccount / clusterrolebinding" "$M" \
  "kubectl create serviceaccount dashboard-admin -n kube-system && kubectl create clusterrolebinding dashboard-admin --clusterrole=cluster-admin --serviceaccount=kube-system:dashboard-admin"
check "its token secret can be described (1.16 style) and kubectl create token works" "$M" \
  "s=\$(kubectl -n kube-system get secret | grep dashboard-admin | awk '{print \$1}') && kubectl -n kube-system describe secret \$s | grep -Eq '^token: +eyJ' && kubectl create token dashboard-admin -n kube-system | grep -q '^eyJ'"
check "kubectl create deployment + rollout status + wait Available" "$M" \
  "kubectl create deployment test-nginx --image=nginx:latest && kubectl rollout status deploy/test-nginx --timeout=10s && kubectl wait --for=condition=Available deploy/test-nginx --timeout=10s && kubectl get pods -l app=test-nginx -o wide | grep -q ' Running .* $W '"

echo "# the API stand-in stores as a real server (pruning, defaults, quantities, dry run, diff exit codes)"
check "count $M's kubectl processes (a shim logs each call to /tmp/kubectl.calls)" "$M" \
  "readlink /usr/bin/kubectl > /tmp/kubectl.real && rm -f /usr/bin/kubectl && printf '#!/bin/sh\necho \"\$*\" >> /tmp/kubectl.calls\nexec %s \"\$@\"\n' \$(cat /tmp/kubectl.real) > /usr/bin/kubectl && chmod 755 /usr/bin/kubectl && kubectl version --client >/dev/null"
if rigger addons1 addons.yml && recap addons1 "$M" | grep -q 'changed=3 .*failed=0'; then ok "rigger: flannel, a cpu 0.5 Deployment and the dashboard applied (changed=3)"; else bad "rigger: add-ons applied (changed=3)" "$(tail -12 "$RUN_DIR/addons1.out")"; fi
check "PodSecurityPolicy stored without its false omitempty fields, min: 0 and *bool false kept" "$M" \
  "kubectl get psp psp.flannel.unprivileged -o json | python3 -c 'import json,sys; s=json.load(sys.stdin)[\"spec\"]; assert not any(k in s for k in (\"privileged\",\"hostPID\",\"hostIPC\",\"readOnlyRootFilesystem\",\"defaultAddCapabilities\",\"requiredDropCapabilities\")), s; assert s[\"hostPorts\"]==[{\"max\":65535,\"min\":0}], s; assert s[\"allowPrivilegeEscalation\"] is False and s[\"hostNetwork\"] is True, s'"
check "cpu 0.5 stored as 500m, 1000m as 1, 0.125Gi as 128Mi; pod template defaulted and pruned" "$M" \
  "kubectl get deploy half-cpu -o json | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d[\"spec\"][\"template\"]; p=t[\"spec\"]; c=p[\"containers\"][0]; r=c[\"resources\"]; assert r=={\"requests\":{\"cpu\":\"500m\",\"memory\":\"64Mi\"},\"limits\":{\"cpu\":\"1\",\"memory\":\"128Mi\"}}, r; assert \"hostNetwork\" not in p and \"stdin\" not in c and \"paused\" not in d[\"spec\"], d; assert c[\"securityContext\"]=={\"privileged\":False,\"readOnlyRootFilesystem\":False}, c; assert c[\"terminationMessagePath\"]==\"/dev/termination-log\" and c[\"imagePullPolicy\"]==\"Always\" and c[\"ports\"][0][\"protocol\"]==\"TCP\"; assert p[\"securityContext\"]=={} and p[\"dnsPolicy\"]==\"ClusterFirst\" and t[\"metadata\"][\"creationTimestamp\"] is None'"
check "kubectl apply wrote last-applied-configuration" "$M" "kubectl get cm kube-flannel-cfg -n kube-system -o yaml | grep -q 'kubectl.kubernetes.io/last-applied-configuration'"
check "the dashboard-like controller wrote the csrf key after the Deployment started" "$M" \
  "for i in \$(seq 20); do [ -n \"\$(kubectl -n kubernetes-dashboard get secret kubernetes-dashboard-csrf -o jsonpath={.data.csrf})\" ] && exit 0; sleep 0.2; done; exit 1"
for f in kube-flannel.yml dashboard-recommended.yaml; do ssh -F "$SSH_CONFIG" "$M" "cat > /root/seed-$f" < "$LAB_DIR/../playbooks/manifests/$f"; done
check "kubectl diff exit codes: >1 on an error, 0 for the seed's flannel (the server prunes what kubectl sends)" "$M" \
  "kubectl diff -f /root/no-such.yml >/dev/null 2>&1; [ \$? -gt 1 ] && kubectl diff -f /root/seed-kube-flannel.yml"
check "kubectl diff of the dashboard: exit 1, kubectl apply would blank the csrf key (its three-way merge)" "$M" \
  "kubectl diff -f /root/seed-dashboard-recommended.yaml > /tmp/dd; [ \$? = 1 ] && grep -q \"csrf: '\*\*\* (after)'\" /tmp/dd && [ \$(grep -c '^+++ ' /tmp/dd) = 1 ]"
check "server-side dry run changes nothing" "$M" \
  "rv=\$(kubectl get cm kube-flannel-cfg -n kube-system -o jsonpath={.metadata.resourceVersion}) && kubectl label cm kube-flannel-cfg -n kube-system x=y --dry-run=server >/dev/null && [ \"\$(kubectl get cm kube-flannel-cfg -n kube-system -o jsonpath={.metadata.resourceVersion})\" = \$rv ] && ! kubectl get cm kube-flannel-cfg -n kube-system --show-labels | grep -q x=y"

echo "# kubectl_apply: a second run is changed=0, one kubectl process per manifest per round trip"
on "$M" "rm -f /tmp/kubectl.calls"
if rigger addons2 addons.yml && recap addons2 "$M" | grep -q 'changed=0 .*failed=0'; then ok "second rigger run: changed=0 (pruned false fields, 500m, the controller's csrf key)"; else bad "second rigger run: changed=0" "$(tail -14 "$RUN_DIR/addons2.out")"; fi
calls=$(on "$M" "cat /tmp/kubectl.calls" 2>/dev/null)
gets=$(grep -c ' get -f - ' <<<"$calls"); dry=$(grep -c ' apply .*--dry-run=server' <<<"$calls")
# per manifest: one get -f - (the engine's batched first round trip may ask one task's again: <= 4), one dry run at most
if [ "$gets" -ge 3 ] && [ "$gets" -le 4 ] && [ "$dry" -le 3 ] && [ "$(grep -c . <<<"$calls")" = $((gets + dry)) ] && ! grep -Eq ' get [A-Za-z.]+ [^-]' <<<"$calls"; then
  ok "... kubectl processes for 3 manifests: $gets get -f -, $dry server dry runs (was one get per object: 25)"
else bad "... kubectl processes per manifest ($gets gets, $dry dry runs, $(grep -c . <<<"$calls") in all)" "$calls"; fi
check "... the csrf key is still there" "$M" "[ -n \"\$(kubectl -n kubernetes-dashboard get secret kubernetes-dashboard-csrf -o jsonpath={.data.csrf})\" ]"
sed 's/cpu: 0.5,/cpu: 0.75,/' "$RUN_DIR/pb/addons.yml" > "$RUN_DIR/pb/addons-cpu.yml"
if rigger cpu addons-cpu.yml --check --diff && grep -q 'resources.requests.cpu' "$RUN_DIR/cpu.out" && grep -q '750m' "$RUN_DIR/cpu.out" && recap cpu "$M" | grep -q 'changed=1 '; then
  ok "cpu 0.75 in check mode: one change, the field shown as the server would store it (500m -> 750m)"
else bad "cpu 0.75 in check mode" "$(tail -14 "$RUN_DIR/cpu.out")"; fi
check "restore $M's kubectl" "$M" "ln -sf \$(cat /tmp/kubectl.real) /usr/bin/kubectl"

echo "# persistence and reset"
check "a restarted API stand-in keeps its objects" "$M" \
  "systemctl restart kube-apiserver-standin >/dev/null 2>&1; for i in \$(seq 50); do kubectl get nodes $W >/dev/null 2>&1 && exit 0; sleep 0.2; done; exit 1"
check "kubeadm reset -f on the master removes admin.conf, manifests, /var/lib/etcd contents and stops the API" "$M" \
  "kubeadm reset -f >/dev/null && [ ! -e /etc/kubernetes/admin.conf ] && ! ls -A /etc/kubernetes/manifests | grep -q . && ! ls -A /var/lib/etcd | grep -q . && ! curl -sk --max-time 2 https://$MA:6443/healthz"
check "kubeadm reset -f on the worker removes kubelet.conf" "$W" "kubeadm reset -f >/dev/null && [ ! -e /etc/kubernetes/kubelet.conf ]"

echo "# took $((SECONDS - t0))s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
