"""gunicorn's settings in production: deploy/workbench.service runs `gunicorn -c gunicorn.conf.py`.

Each has a default and an environment variable (deploy/workbench.env.example):

- GUNICORN_BIND     where to listen; the nginx example proxies to 127.0.0.1:8000
- GUNICORN_WORKERS  worker processes, each serving one request at a time; (2 × CPUs) + 1
- GUNICORN_TIMEOUT  seconds a request may take before its worker is restarted; 120
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# gunicorn 25+ would open a control socket in the user's home (the checkout): systemctl's
# reload and stop are all this deployment uses.
control_socket_disable = True

# A worker is replaced after about a thousand requests, giving back whatever memory it grew
# to. The jitter keeps the workers from restarting together.
max_requests = 1000
max_requests_jitter = 100

# One line per request to stdout (X-Forwarded-For as nginx passed it, then the peer, the
# request, status, bytes, milliseconds), errors to stderr: both end up in systemd's journal.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms'
