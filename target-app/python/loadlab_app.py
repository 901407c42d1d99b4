"""LoadLab's reference app in Python: the twin of the Java target's workload endpoints, standard library only.

Endpoints (GET only; the query is checked before the method, as in the Java app's ``http.Routes``):

* ``/hello``                the cheapest answer: ``hello`` (text/plain)
* ``/io?ms=N``              waits N ms, as a database call would (``time.sleep`` in WSGI, which Gunicorn's gevent
                            worker has monkey-patched to yield; ``asyncio.sleep`` in ASGI)
* ``/cpu?ms=N``             N ms of calibrated CPU work of one core, in pure Python: it holds the GIL
* ``/mixed?io=N&cpu=M``     waits N ms, then computes M ms
* ``/health``               ``{"status":"UP"}``

N and M are integers 0..60000. A missing, repeated, non-integer or out-of-bounds parameter answers 400
(``application/problem+json`` naming the parameter and the bound), another method 405 with ``Allow: GET``, any other
path 404; the texts are the Java app's. Serve ``loadlab_app:app`` with a WSGI server (Gunicorn) or
``loadlab_app:asgi`` with an ASGI server (Uvicorn).

The CPU loop is the Java app's (``work.CpuWork.compute``) in 64-bit arithmetic, so both give the same ``result`` for
the same seed and iterations; its speed is measured once per process, at import, and printed to stderr. Set
``LOADLAB_PY_ITERATIONS_PER_MS`` to use a fixed figure instead (e.g. the same one for every worker).
"""

import asyncio
import json
import os
import re
import sys
import time
from urllib.parse import unquote_plus

MAX_MS = 60_000
MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
ITERATIONS_ENV = "LOADLAB_PY_ITERATIONS_PER_MS"

_SERVED = "; the target serves /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M and /health"
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
_TEXT = "text/plain; charset=utf-8"
_JSON = "application/json"
_PROBLEM = "application/problem+json"


def compute_range(seed, start, stop):
    """Iterations ``start`` (inclusive) to ``stop`` (exclusive) of the Java app's loop, as an unsigned 64-bit value.

    Each iteration depends on the previous one, so nothing can skip or share work; pure Python bytecode, so the
    thread holds the GIL while it runs (CPython hands it over every switch interval, 5 ms by default)."""
    x = seed & MASK
    for i in range(start, stop):
        x ^= x >> 31
        x = (x * GOLDEN) & MASK
        x = (x + i) & MASK
    return x


def compute(seed, iterations):
    """The loop's result as Java's signed ``long``: equal to ``CpuWork.compute(seed, iterations)``."""
    x = compute_range(seed, 0, iterations)
    return x - (1 << 64) if x >= 1 << 63 else x


class Calibration:
    """Loop iterations per millisecond of one core in this process, and how that was measured. Immutable."""

    TRIALS = 9
    TRIAL_MS = 5
    WARM_UP_NS = 50_000_000

    def __init__(self, iterations_per_ms, method):
        self.iterations_per_ms = iterations_per_ms
        self.method = method

    @classmethod
    def measure(cls):
        """A 50 ms warm-up (CPython's specialising interpreter settles after a few thousand iterations), then the
        best of 9 trials of about 5 ms each, timed by the thread's CPU clock, so time slices lost to other processes
        on a busy machine do not count. Takes about 100 ms."""
        clock = time.thread_time_ns
        start = clock()
        chunk = 1_000
        done = 0
        while clock() - start < cls.WARM_UP_NS:
            compute_range(done, 0, chunk)
            done += chunk
        rough = max(1, done * 1_000_000 // max(1, clock() - start))
        trial = max(1_000, rough * cls.TRIAL_MS)
        best = 1
        for _ in range(cls.TRIALS):
            t0 = clock()
            compute_range(t0, 0, trial)
            best = max(best, trial * 1_000_000 // max(1, clock() - t0))
        method = (
            f"best of {cls.TRIALS} single-thread trials of {trial} iterations (about {cls.TRIAL_MS} ms each,"
            f" timed by the thread's CPU clock) after a 50 ms warm-up, on Python {sys.version.split()[0]}"
            f" ({sys.implementation.name}) with {os.cpu_count()} processors"
        )
        return cls(best, method)

    @classmethod
    def from_environment(cls, environ):
        """The fixed figure of ``LOADLAB_PY_ITERATIONS_PER_MS`` if set, else a measurement."""
        fixed = environ.get(ITERATIONS_ENV, "").strip()
        if not fixed:
            return cls.measure()
        if not _INTEGER.fullmatch(fixed) or int(fixed) < 1:
            raise ValueError(f"{ITERATIONS_ENV} must be a whole number >= 1, was '{fixed}'")
        return cls(int(fixed), f"fixed by {ITERATIONS_ENV}")


CALIBRATION = Calibration.from_environment(os.environ)
print(
    f"loadlab_app pid {os.getpid()}: cpu calibration: {CALIBRATION.iterations_per_ms} iterations per ms"
    f" ({CALIBRATION.method})",
    file=sys.stderr,
    flush=True,
)


class BadParameter(Exception):
    """A query parameter that is missing, repeated, not an integer or out of bounds; safe to show the client."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter


def _check_ms(name, ms):
    if ms < 0 or ms > MAX_MS:
        raise BadParameter(name, f"{name} must be between 0 and {MAX_MS}, was {ms}")
    return ms


def _decode(name, encoded):
    if _BAD_PERCENT.search(encoded):
        raise BadParameter(name, f"the query is not valid percent-encoding, so {name} cannot be read")
    return unquote_plus(encoded, encoding="utf-8", errors="replace")


def _shorten(value):
    return value if len(value) <= 32 else value[:32] + "..."


def ms_parameter(raw_query, name):
    """The integer value of ``name`` in the raw query; unknown parameters are ignored (cache busters)."""
    value = None
    if raw_query:
        for pair in raw_query.split("&"):
            key, eq, rest = pair.partition("=")
            if _decode(name, key) == name:
                if value is not None:
                    raise BadParameter(name, f"{name} must be given once")
                value = _decode(name, rest) if eq else ""
    if value is None:
        raise BadParameter(name, f"{name} is required: an integer between 0 and {MAX_MS}")
    text = value.strip()
    if not _INTEGER.fullmatch(text) or not -(1 << 63) <= int(text) < 1 << 63:
        raise BadParameter(
            name, f"{name} must be an integer between 0 and {MAX_MS}, was '{_shorten(value)}'"
        )
    return _check_ms(name, int(text))


def endpoint(path, raw_query):
    """``(io_ms, cpu_ms)`` for a workload path, ``None`` for any other; raises :class:`BadParameter`."""
    if path == "/hello":
        return 0, 0
    if path == "/io":
        return ms_parameter(raw_query, "ms"), 0
    if path == "/cpu":
        return 0, ms_parameter(raw_query, "ms")
    if path == "/mixed":
        return ms_parameter(raw_query, "io"), ms_parameter(raw_query, "cpu")
    return None


class Answer:
    """What to send: status, headers and body. Immutable once built."""

    __slots__ = ("status", "headers", "body")

    def __init__(self, status, content_type, body, extra=()):
        self.status = status
        self.body = body.encode("utf-8")
        self.headers = [("Content-Type", content_type), ("Content-Length", str(len(self.body)))]
        self.headers.extend(extra)

    def status_line(self):
        return f"{self.status} {_REASONS.get(self.status, 'Internal Server Error')}"


def problem(status, detail, parameter=None, extra=()):
    """An RFC 9457 problem answer in the Java app's shape."""
    body = {
        "type": "about:blank",
        "title": _REASONS.get(status, "Internal Server Error"),
        "status": status,
        "detail": detail,
    }
    if parameter is not None:
        body["parameter"] = parameter
    return Answer(status, _PROBLEM, json.dumps(body, separators=(",", ":")), extra)


HEALTH = Answer(200, _JSON, '{"status":"UP"}')
HELLO = Answer(200, _TEXT, "hello")


def route(method, path, raw_query):
    """What the app does with a request: an :class:`Answer` to send now, or ``(io_ms, cpu_ms)`` to perform."""
    if path == "/health":
        return HEALTH if method == "GET" else _not_allowed(method)
    try:
        work = endpoint(path, raw_query)
    except BadParameter as e:
        return problem(400, str(e), e.parameter)
    if work is None:
        return problem(404, f"no endpoint {path}{_SERVED}")
    if method != "GET":
        return _not_allowed(method)
    if path == "/hello":
        return HELLO
    return work


def _not_allowed(method):
    return problem(405, f"method {method} is not allowed here; use GET", extra=[("Allow", "GET")])


def finish(io_ms, cpu_ms):
    """Computes the CPU part and builds the answer; seeded from the clock so no two requests are alike."""
    iterations = cpu_ms * CALIBRATION.iterations_per_ms
    result = compute(time.perf_counter_ns(), iterations) if iterations else 0
    body = f'{{"ioMs":{io_ms},"cpuMs":{cpu_ms},"iterations":{iterations},"result":{result}}}'
    return Answer(200, _JSON, body)


def app(environ, start_response):
    """The WSGI entry point (``loadlab_app:app``)."""
    decided = route(environ["REQUEST_METHOD"], environ.get("PATH_INFO") or "/", environ.get("QUERY_STRING", ""))
    if not isinstance(decided, Answer):
        io_ms, cpu_ms = decided
        if io_ms:
            time.sleep(io_ms / 1000)
        decided = finish(io_ms, cpu_ms)
    start_response(decided.status_line(), decided.headers)
    return [decided.body]


async def asgi(scope, receive, send):
    """The ASGI entry point (``loadlab_app:asgi``): HTTP requests; lifespan acknowledged; WebSockets refused."""
    kind = scope["type"]
    if kind == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if kind == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": 1003})
        return
    if kind != "http":
        raise ValueError(f"loadlab_app serves HTTP only, not ASGI scope type '{kind}'")
    query = scope.get("query_string", b"").decode("latin-1")
    decided = route(scope["method"], scope["path"] or "/", query)
    if not isinstance(decided, Answer):
        io_ms, cpu_ms = decided
        if io_ms:
            await asyncio.sleep(io_ms / 1000)
        decided = finish(io_ms, cpu_ms)  # blocks the event loop, as CPU-bound code in an async def does
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in decided.headers]
    await send({"type": "http.response.start", "status": decided.status, "headers": headers})
    await send({"type": "http.response.body", "body": decided.body})
