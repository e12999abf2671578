/**
 * The browser's own floor, for the echo and flood references: a page with the same xterm.js,
 * the same terminal settings and size as the lab page, over the same socket.io, but whose
 * server answers at once, in memory (no shell, no sandbox, no Dockyard). It speaks Dockyard's
 * terminal events (server/terminal/events.ts), so the probe of lib/browser.ts sees its frames
 * as it sees the real ones, and the echo measure runs on it unchanged.
 *
 * Its "shell" is a line editor just big enough for the measures: it echoes printable keys and
 * understands Enter, Ctrl-C, Ctrl-L and Ctrl-U, with the sandbox's prompt.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { TERMINAL_OPTIONS } from '../../app/labs/[slug]/_lib/terminal-options';
import { TERMINAL_EVENTS } from '../../server/terminal/events';
import { PROMPT } from './browser';

const PROMPT_TEXT = `root@${PROMPT} `;

/** Browser files served beside the page, from the installed packages the app bundles. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/xterm.js': { file: 'node_modules/@xterm/xterm/lib/xterm.js', type: 'text/javascript' },
  '/xterm.css': { file: 'node_modules/@xterm/xterm/css/xterm.css', type: 'text/css' },
  '/addon-fit.js': { file: 'node_modules/@xterm/addon-fit/lib/addon-fit.js', type: 'text/javascript' },
  '/socket.io.js': { file: 'node_modules/socket.io-client/dist/socket.io.min.js', type: 'text/javascript' },
};

export interface InstantTerminal {
  /** The page, for a terminal of `width`×`height` CSS pixels (the lab page's). */
  url(width: number, height: number): string;
  close(): Promise<void>;
}

export async function startInstantTerminal(): Promise<InstantTerminal> {
  const http: HttpServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const asset = ASSETS[url.pathname];
    const body = asset ? readFile(asset.file) : url.pathname === '/' ? Promise.resolve(page(url.searchParams)) : undefined;
    if (!body) return void response.writeHead(404).end();
    body.then(
      (content) => response.writeHead(200, { 'content-type': asset?.type ?? 'text/html; charset=utf-8' }).end(content),
      () => response.writeHead(500).end(),
    );
  });
  const io = new Server(http, { path: '/socket.io', serveClient: false });
  io.on('connection', (socket) => {
    let line = '';
    socket.emit(TERMINAL_EVENTS.output, PROMPT_TEXT);
    socket.on(TERMINAL_EVENTS.input, (data: unknown) => {
      if (typeof data !== 'string') return;
      let out = '';
      for (const char of data) {
        if (char === '\r') [out, line] = [`${out}\r\n${PROMPT_TEXT}`, ''];
        else if (char === '\x03') [out, line] = [`${out}^C\r\n${PROMPT_TEXT}`, ''];
        else if (char === '\x0c') out += `\x1b[H\x1b[2J${PROMPT_TEXT}${line}`;
        else if (char === '\x15') [out, line] = [`${out}\r\x1b[K${PROMPT_TEXT}`, ''];
        else if (char >= ' ') [out, line] = [out + char, line + char];
      }
      if (out) socket.emit(TERMINAL_EVENTS.output, out);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: (width, height) => `http://127.0.0.1:${port}/?width=${Math.round(width)}&height=${Math.round(height)}`,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

declare global {
  interface Window {
    /** Draws `bytes` of the flood's lines, generated in the page, as the lab page receives output. */
    __instantFlood(bytes: number, lineWidth: number, chunkChars: number, windowChars: number): Promise<{ ms: number; chars: number }>;
  }
}

/** The page: the lab terminal's settings, its size, its output handling (write, then acknowledge). */
function page(params: URLSearchParams): string {
  const width = Number(params.get('width')) || 900;
  const height = Number(params.get('height')) || 600;
  const script = `
    const terminal = new Terminal(${JSON.stringify({ ...TERMINAL_OPTIONS, disableStdin: false })});
    const fit = new FitAddon.FitAddon();
    terminal.loadAddon(fit);
    terminal.open(document.querySelector('#screen'));
    fit.fit();
    const socket = io({ path: '/socket.io' });
    socket.on(${JSON.stringify(TERMINAL_EVENTS.output)}, (data, drawn) => terminal.write(data, drawn));
    terminal.onData((data) => socket.emit(${JSON.stringify(TERMINAL_EVENTS.input)}, data));
    terminal.focus();
    window.__instantFlood = (bytes, lineWidth, chunkChars, windowChars) => new Promise((resolve) => {
      const line = 'x'.repeat(lineWidth) + '\\r\\n';
      const chunk = line.repeat(Math.max(1, Math.floor(chunkChars / line.length)));
      const started = performance.now();
      let sent = 0, undrawn = 0;
      const pump = () => {
        while (sent < bytes && undrawn < windowChars) {
          sent += chunk.length;
          undrawn += chunk.length;
          terminal.write(chunk, () => {
            undrawn -= chunk.length;
            if (sent >= bytes && undrawn === 0) requestAnimationFrame(() => resolve({ ms: performance.now() - started, chars: sent }));
            else pump();
          });
        }
      };
      pump();
    });`;
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/xterm.css">
<style>body{margin:0;background:#0b1020}#screen{width:${width}px;height:${height}px;contain:strict}</style>
<script src="/xterm.js"></script><script src="/addon-fit.js"></script><script src="/socket.io.js"></script></head>
<body><section data-testid="terminal"><div id="screen"></div></section><script>${script}</script></body></html>`;
}
