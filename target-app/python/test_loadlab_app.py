"""Unit tests of loadlab_app.py (standard library only): ./loadlab test runs them through PythonAppTest, or
``cd target-app/python && /usr/bin/python3 -m unittest -v test_loadlab_app``."""

import asyncio
import json
import os
import threading
import time
import unittest

os.environ.setdefault("LOADLAB_PY_ITERATIONS_PER_MS", "500")  # before the import: no 100 ms calibration per test run

import loadlab_app  # noqa: E402  (the environment must be set first)

# CpuWork.compute(12345, 1000) of the Java app; PythonAppTest pins the Java side to the same figure.
JAVA_COMPUTE_12345_1000 = -158766799904263112


def call_wsgi(method, path, query=""):
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(loadlab_app.app({"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query},
                                    start_response))
    return seen["status"], seen["headers"], body.decode("utf-8")


def call_asgi(scope, incoming):
    sent = []
    queue = list(incoming)

    async def receive():
        return queue.pop(0)

    async def send(message):
        sent.append(message)

    asyncio.run(loadlab_app.asgi(scope, receive, send))
    return sent


class LoopTest(unittest.TestCase):
    def test_the_loop_is_the_java_apps(self):
        self.assertEqual(JAVA_COMPUTE_12345_1000, loadlab_app.compute(12345, 1000))

    def test_slices_add_up_to_the_whole(self):
        first = loadlab_app.compute_range(7, 0, 300)
        self.assertEqual(loadlab_app.compute_range(7, 0, 1000) & loadlab_app.MASK,
                         loadlab_app.compute_range(first, 300, 1000))

    def test_calibration_is_fixed_by_the_environment_or_measured(self):
        self.assertEqual(500, loadlab_app.CALIBRATION.iterations_per_ms)
        with self.assertRaisesRegex(ValueError, "LOADLAB_PY_ITERATIONS_PER_MS must be a whole number >= 1, was '0'"):
            loadlab_app.Calibration.from_environment({"LOADLAB_PY_ITERATIONS_PER_MS": "0"})
        measured = loadlab_app.Calibration.from_environment({})
        self.assertGreater(measured.iterations_per_ms, 100)
        self.assertIn("best of 9 single-thread trials", measured.method)

    def test_cpu_bound_threads_share_one_core_under_the_gil(self):
        if not getattr(__import__("sys"), "_is_gil_enabled", lambda: True)():
            self.skipTest("free-threaded interpreter: no GIL to show")
        iterations = 40 * loadlab_app.Calibration.measure().iterations_per_ms  # about 40 ms each
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        threads = [threading.Thread(target=loadlab_app.compute, args=(i, iterations)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cores = (time.process_time() - start_cpu) / (time.perf_counter() - start_wall)
        self.assertLess(cores, 1.3, "two threads of pure-Python work must not use two cores")


class RoutesTest(unittest.TestCase):
    def problem(self, method, path, query):
        status, headers, body = call_wsgi(method, path, query)
        self.assertEqual("application/problem+json", headers["Content-Type"])
        return status, headers, json.loads(body)

    def test_bad_parameters_name_the_parameter_and_the_bound(self):
        cases = [
            ("/io", "", "ms", "ms is required: an integer between 0 and 60000"),
            ("/cpu", "ms=abc", "ms", "ms must be an integer between 0 and 60000, was 'abc'"),
            ("/cpu", "ms=1.5", "ms", "ms must be an integer between 0 and 60000, was '1.5'"),
            ("/cpu", "ms=99999999999999999999", "ms", "ms must be an integer between 0 and 60000,"
                                                      " was '99999999999999999999'"),
            ("/io", "ms=60001", "ms", "ms must be between 0 and 60000, was 60001"),
            ("/io", "ms=-1", "ms", "ms must be between 0 and 60000, was -1"),
            ("/io", "ms=1&ms=2", "ms", "ms must be given once"),
            ("/io", "ms=%zz", "ms", "the query is not valid percent-encoding, so ms cannot be read"),
            ("/mixed", "io=5", "cpu", "cpu is required: an integer between 0 and 60000"),
            ("/mixed", "cpu=5", "io", "io is required: an integer between 0 and 60000"),
        ]
        for path, query, parameter, detail in cases:
            with self.subTest(path=path, query=query):
                status, _, body = self.problem("GET", path, query)
                self.assertEqual("400 Bad Request", status)
                self.assertEqual({"type": "about:blank", "title": "Bad Request", "status": 400, "detail": detail,
                                  "parameter": parameter}, body)

    def test_the_query_is_read_like_the_java_apps(self):
        self.assertEqual((0, 7), loadlab_app.endpoint("/cpu", "ms=%207%20&nocache=123"))
        self.assertEqual((3, 4), loadlab_app.endpoint("/mixed", "cpu=4&io=+3"))

    def test_the_query_is_checked_before_the_method_and_404_ignores_the_method(self):
        self.assertEqual("400 Bad Request", self.problem("POST", "/cpu", "ms=x")[0])
        status, headers, body = self.problem("POST", "/cpu", "ms=1")
        self.assertEqual(("405 Method Not Allowed", "GET"), (status, headers["Allow"]))
        self.assertEqual("method POST is not allowed here; use GET", body["detail"])
        status, _, body = self.problem("DELETE", "/nope", "")
        self.assertEqual("404 Not Found", status)
        self.assertTrue(body["detail"].startswith("no endpoint /nope; the target serves /hello"))

    def test_wsgi_answers_every_endpoint(self):
        self.assertEqual(("200 OK", "hello"), call_wsgi("GET", "/hello")[::2])
        self.assertEqual(("200 OK", '{"status":"UP"}'), call_wsgi("GET", "/health")[::2])
        status, headers, body = call_wsgi("GET", "/mixed", "io=1&cpu=2")
        self.assertEqual(("200 OK", "application/json"), (status, headers["Content-Type"]))
        self.assertEqual({"ioMs": 1, "cpuMs": 2, "iterations": 1000}, {k: v for k, v in json.loads(body).items()
                                                                        if k != "result"})
        self.assertEqual(str(len(body)), headers["Content-Length"])


class AsgiTest(unittest.TestCase):
    def test_lifespan_is_acknowledged(self):
        sent = call_asgi({"type": "lifespan"}, [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
        self.assertEqual(["lifespan.startup.complete", "lifespan.shutdown.complete"], [m["type"] for m in sent])

    def test_http_answers_with_the_same_bodies(self):
        scope = {"type": "http", "method": "GET", "path": "/io", "query_string": b"ms=1"}
        start, body = call_asgi(scope, [{"type": "http.request", "body": b"", "more_body": False}])
        self.assertEqual(200, start["status"])
        self.assertIn((b"content-type", b"application/json"), start["headers"])
        self.assertEqual('{"ioMs":1,"cpuMs":0,"iterations":0,"result":0}', body["body"].decode())
        scope = {"type": "http", "method": "GET", "path": "/cpu", "query_string": b"ms=x"}
        start, body = call_asgi(scope, [])
        self.assertEqual(400, start["status"])
        self.assertEqual("ms", json.loads(body["body"])["parameter"])

    def test_websockets_are_refused(self):
        sent = call_asgi({"type": "websocket", "path": "/hello"}, [{"type": "websocket.connect"}])
        self.assertEqual([{"type": "websocket.close", "code": 1003}], sent)


if __name__ == "__main__":
    unittest.main()
