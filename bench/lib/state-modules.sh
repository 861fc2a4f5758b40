# Prints the state bench/workload/modules.yml manages on the host it runs on (piped through ssh):
# each managed path with its type, mode and owner and the sha256 of its content, the account, the
# crontab and the unit's state. bench/lib/bench.py compares these between the tools.
for p in /etc/benchapp /etc/benchapp/app.conf /etc/benchapp/app.ini /etc/benchapp/peers \
         /var/log/benchapp /opt/benchapp /opt/benchapp/payload.txt /etc/systemd/system/benchapp.service \
         /var/lib/benchapp /var/spool/cron/crontabs/benchapp; do
  if [ "$p" = /var/spool/cron/crontabs/benchapp ] && [ -f "$p" ]; then
    echo "$p $(stat -c '%F %a %U:%G' "$p" | tr ' ' _)"
  elif [ -f "$p" ]; then
    echo "$p $(stat -c '%F %a %U:%G' "$p" | tr ' ' _) $(sha256sum < "$p" | cut -c1-16)"
  elif [ -e "$p" ]; then
    echo "$p $(stat -c '%F %a %U:%G' "$p" | tr ' ' _)"
  else
    echo "$p missing"
  fi
done
# the spool file's header says when crontab wrote it; crontab -l leaves the header out
echo "crontab: $(crontab -l -u benchapp 2>&1 | sha256sum | cut -c1-16)"
echo "passwd: $(getent passwd benchapp)"
echo "group: $(getent group benchapp)"
echo "unit: $(systemctl is-active benchapp 2>&1) $(systemctl is-enabled benchapp 2>&1)"
