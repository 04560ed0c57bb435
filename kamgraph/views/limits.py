"""Rate limits (Flask-Limiter): sign-in attempts per client address."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# In-process counters: right for one waitress process. Several processes behind a load
# balancer would point storage_uri at a shared store (KAMGRAPH_RATELIMIT_STORAGE_URI).
limiter = Limiter(key_func=get_remote_address, default_limits=[], storage_uri="memory://")
