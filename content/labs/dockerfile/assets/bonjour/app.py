import os
from http.server import BaseHTTPRequestHandler, HTTPServer

MESSAGE = os.environ.get("MESSAGE", "Bonjour")

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(f"{MESSAGE} depuis un conteneur !\n".encode())

HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
