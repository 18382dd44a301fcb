#!/usr/bin/env python3
"""An HTTP server on 127.0.0.1 that reads every POST body and answers 200
with an empty body: a stand-in for ClickHouse when timing the client.
Prints its port on stdout, then serves until killed."""
import http.server
import sys


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Sink)
print(server.server_address[1], flush=True)
sys.stdout.close()
server.serve_forever()
