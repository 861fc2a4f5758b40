# Prints the state the workload manages on the host it runs on (piped through ssh): one line per
# managed path with its type, mode, owner and the sha256 of its content, the running host name
# and the workload's packages as rpm sees them. bench/run.sh compares these between the tools.
describe /etc/hostname /etc/hosts /etc/fstab /etc/yum.repos.d/docker-ce.repo \
         /etc/yum.repos.d/kubernetes.repo /etc/sysctl.d/k8s.conf \
         /etc/docker /etc/rigger-bench /etc/systemd/system/kubelet.service.d /var/lib/rigger-bench \
         /etc/docker/daemon.json /etc/default/kubelet /etc/systemd/system/kubelet.service.d/20-bench.conf \
         /etc/modules-load.d/k8s.conf /etc/rigger-bench/node.conf /etc/rigger-bench/cluster.conf \
         /etc/rigger-bench/registries.conf /etc/rigger-bench/logrotate.conf \
         /etc/rigger-bench/limits.conf /var/lib/rigger-bench/state.conf
echo "repos: $(ls /etc/yum.repos.d | tr '\n' ' ')"
echo "hostname: $(hostname)"
echo "rpm: $(rpm -q kubelet kubeadm kubectl docker-ce | tr '\n' ' ')"
