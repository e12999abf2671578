/**
 * A small client for Incus's REST API (https://linuxcontainers.org/incus/docs/main/rest-api/)
 * over its unix socket: JSON requests, background operations waited for, and the websockets
 * of exec sessions. Only runtime/incus/* imports it.
 */
import http from 'node:http';
import WebSocket from 'ws';

export interface IncusClientOptions {
  /** incusd's local socket (root or the incus-admin group may use it). */
  socketPath: string;
}

/** An error Incus answered with (HTTP status and its own message), or a socket failure. */
export class IncusApiError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly socketCode?: string,
  ) {
    super(message);
    this.name = 'IncusApiError';
  }
}

/** What Incus answers: synchronous results carry `metadata`, background ones an operation. */
interface IncusResponse<T> {
  type: 'sync' | 'async' | 'error';
  status_code: number;
  error_code: number;
  error: string;
  metadata: T;
  operation: string;
}

export interface IncusOperation {
  id: string;
  status: string;
  status_code: number;
  err: string;
  metadata: Record<string, unknown> | null;
}

/** A background operation still running longer than this is reported as a failure. */
const OPERATION_WAIT_S = 120;

export class IncusClient {
  constructor(private readonly opts: IncusClientOptions) {}

  get socketPath(): string {
    return this.opts.socketPath;
  }

  /** A synchronous request: resolves with its metadata, rejects with IncusApiError. */
  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).metadata;
  }

  /** A request that may start a background operation: resolves once it is done. */
  async run(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<IncusOperation | undefined> {
    const response = await this.request<IncusOperation>(method, path, body);
    if (response.type !== 'async') return undefined;
    return this.waitOperation(response.metadata.id);
  }

  /** Starts a background operation and returns it at once (exec sessions). */
  async start(path: string, body: unknown): Promise<IncusOperation> {
    const response = await this.request<IncusOperation>('POST', path, body);
    if (response.type !== 'async') throw new IncusApiError(undefined, `${path} : opération attendue`);
    return response.metadata;
  }

  async waitOperation(id: string, timeoutS = OPERATION_WAIT_S): Promise<IncusOperation> {
    const op = (await this.request<IncusOperation>('GET', `/1.0/operations/${id}/wait?timeout=${timeoutS}`)).metadata;
    if (op.status_code >= 400) throw new IncusApiError(op.status_code, op.err || op.status);
    if (op.status_code < 200) throw new IncusApiError(undefined, `opération ${id} toujours en cours après ${timeoutS} s`);
    return op;
  }

  /** One of an operation's websockets (an exec's stdin/stdout/control), once open. */
  openWebSocket(operationId: string, secret: string): Promise<WebSocket> {
    const url = `ws+unix://${this.opts.socketPath}:/1.0/operations/${operationId}/websocket?secret=${encodeURIComponent(secret)}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => {
        ws.off('error', reject);
        resolve(ws);
      });
      ws.once('error', reject);
    });
  }

  request<T>(method: string, path: string, body?: unknown): Promise<IncusResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.opts.socketPath,
          method,
          path,
          headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            let parsed: IncusResponse<T>;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as IncusResponse<T>;
            } catch {
              reject(new IncusApiError(res.statusCode, `réponse illisible d'Incus (${method} ${path})`));
              return;
            }
            if (parsed.type === 'error') reject(new IncusApiError(parsed.error_code, parsed.error));
            else resolve(parsed);
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(new IncusApiError(undefined, err.message, err.code)));
      if (payload) req.write(payload);
      req.end();
    });
  }
}
