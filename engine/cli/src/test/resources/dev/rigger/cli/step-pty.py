# Runs a command on a pseudo-terminal, answering each --step question with the next of the comma-separated answers
# (then n); prints what the command wrote, exits with its exit code. Used by StepDifferentialTest.
import os, pty, sys, select
answers = sys.argv[1].split(',') if sys.argv[1] else []
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
seen = 0
while True:
    try:
        r, _, _ = select.select([fd], [], [], 120)
        if not r: break
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data: break
    out += data
    if out.endswith(b'(c)ontinue: ') and len(out) > seen:
        # a question waiting for its answer (the banner after it repeats the text, followed by stars)
        seen = len(out)
        a = answers.pop(0) if answers else 'n'
        os.write(fd, (a + '\n').encode())
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
