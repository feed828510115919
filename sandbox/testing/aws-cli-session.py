# The AWS CLI (v1) for a test file's many commands in one Python process: each line on stdin is a command
# ({"args": [...], "env": {...}}), run as the `aws` script runs it (awscli.clidriver, a new driver each time, so
# nothing carries over but the imports), and answered with one line: {"exitCode", "stdout", "stderr"}. A new process
# per command costs ~1.3 s of CPU in Python's start and imports; a command here costs ~0.15 s.
import contextlib
import io
import json
import os
import sys

if os.environ.get('LC_CTYPE', '') == 'UTF-8':
    os.environ['LC_CTYPE'] = 'en_US.UTF-8'
from awscli.clidriver import create_clidriver

base = dict(os.environ)
for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(base)
    os.environ.update(request['env'])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = create_clidriver().main(request['args'])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    sys.stdout.write(json.dumps({'exitCode': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()}) + '\n')
    sys.stdout.flush()
