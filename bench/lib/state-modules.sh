# Prints the state bench/workload/modules.yml manages on the host it runs on (piped through ssh):
# each managed path with its type, mode and owner and the sha256 of its content, the account, the
# crontab and the unit's state. bench/lib/bench.py compares these between the tools.
describe /etc/benchapp /etc/benchapp/app.conf /etc/benchapp/app.ini /etc/benchapp/peers \
         /var/log/benchapp /opt/benchapp /opt/benchapp/payload.txt /etc/systemd/system/benchapp.service \
         /var/lib/benchapp
# the spool file's content has crontab's timestamped header: its type and owner here, its
# entries as crontab -l shows them (without the header) below
p=/var/spool/cron/crontabs/benchapp
if [ -e "$p" ]; then echo "$p $(stat -c '%F %a %U:%G' "$p" | tr ' ' _)"; else echo "$p missing"; fi
echo "crontab: $(crontab -l -u benchapp 2>&1 | sha256sum | cut -c1-16)"
echo "passwd: $(getent passwd benchapp)"
echo "group: $(getent group benchapp)"
echo "unit: $(systemctl is-active benchapp 2>&1) $(systemctl is-enabled benchapp 2>&1)"
