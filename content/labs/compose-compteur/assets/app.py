import os
import socket
from http.server import BaseHTTPRequestHandler, HTTPServer

REDIS_HOST = os.environ.get("REDIS_HOST", "localhost")
MESSAGE = os.environ.get("MESSAGE", "Bonjour")

def incrementer(cle):
    with socket.create_connection((REDIS_HOST, 6379)) as redis:
        redis.sendall(f"INCR {cle}\r\n".encode())
        return int(redis.recv(64).decode().strip().lstrip(":"))

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        vues = incrementer("visites")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(f"{MESSAGE} ! Cette page a été vue {vues} fois.\n".encode())

HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
