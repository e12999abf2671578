/**
 * What the preview answers when it cannot show the student's page: the one error envelope
 * as JSON, or, for a browser tab, a small French page saying what to do. Failures of the
 * student's own server (nothing listening, too slow) are explained, not logged as ours.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { escapeHtml } from '../content/markdown/escape-html';
import type { ErrorEnvelope } from '../terminal/events';

export interface PreviewFailure {
  status: number;
  body: ErrorEnvelope;
}

interface Where {
  node: string;
  port: number;
}

const LISTEN_EVERYWHERE =
  'Votre serveur doit écouter sur toutes les adresses de la machine (0.0.0.0), pas seulement sur 127.0.0.1. ' +
  'Avec Docker : docker run -d -p 8080:80 … publie le port 80 du conteneur sur le port 8080 de la machine.';

export function nothingListening({ node, port }: Where): PreviewFailure {
  return {
    status: 502,
    body: { message: `Rien n'écoute sur le port ${port} de ${node} : lancez d'abord votre serveur.`, detail: LISTEN_EVERYWHERE },
  };
}

export function connectionDropped({ node, port }: Where): PreviewFailure {
  return {
    status: 502,
    body: {
      message: `Le serveur du port ${port} de ${node} a fermé la connexion sans répondre.`,
      detail: 'Vérifiez qu’il parle bien HTTP sur ce port et consultez ses journaux (docker logs …).',
    },
  };
}

/**
 * The student's server answered, but not in HTTP Node can pass on: a status outside 200–599
 * (`HTTP/1.1 099`), garbage (often TLS or another protocol on that port), invalid headers.
 */
export function invalidAnswer({ node, port }: Where): PreviewFailure {
  return {
    status: 502,
    body: {
      message: `Le serveur du port ${port} de ${node} a envoyé une réponse HTTP invalide : l’aperçu ne peut pas l’afficher.`,
      detail: 'Vérifiez qu’il parle bien HTTP (pas HTTPS ni un autre protocole) sur ce port, et consultez ses journaux (docker logs …).',
    },
  };
}

export function machineUnreachable({ node }: Where): PreviewFailure {
  return {
    status: 502,
    body: { message: `La machine ${node} est injoignable : rechargez la page du lab, ou relancez-le.` },
  };
}

export function tooSlow({ node, port }: Where, seconds: number, phase: 'connect' | 'response'): PreviewFailure {
  return {
    status: 504,
    body: {
      message:
        phase === 'connect'
          ? `Le port ${port} de ${node} ne répond pas (aucune connexion en ${seconds} s).`
          : `Le serveur du port ${port} de ${node} n'a pas répondu en ${seconds} s.`,
    },
  };
}

/** Maps a socket error of the connection to the student's server. */
export function upstreamFailure(error: NodeJS.ErrnoException, where: Where): PreviewFailure {
  switch (error.code) {
    case 'ECONNREFUSED':
      return nothingListening(where);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return machineUnreachable(where);
    default:
      // Node's HTTP parser names what it could not read (HPE_INVALID_STATUS, …).
      return error.code?.startsWith('HPE_') ? invalidAnswer(where) : connectionDropped(where);
  }
}

function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/.test(req.headers.accept ?? '');
}

export function sendFailure(req: IncomingMessage, res: ServerResponse, { status, body }: PreviewFailure): void {
  if (res.writableEnded || res.destroyed || req.socket.destroyed) return; // the browser left
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const html = wantsHtml(req);
  const payload = html ? errorPage(status, body) : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** For a websocket request, which has no ServerResponse: a plain HTTP answer on the socket. */
export function writeFailure(socket: Duplex, { status, body }: PreviewFailure): void {
  if (!socket.writable) return void socket.destroy();
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
      'Connection: close\r\n\r\n' +
      payload,
  );
}

function errorPage(status: number, { message, detail }: ErrorEnvelope): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aperçu indisponible — Dockyard</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f5f7fb; color: #0f172a;
    font: 16px/1.6 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif; }
  main { max-width: 560px; margin: 24px; padding: 28px 32px; background: #fff; border: 1px solid #e2e8f0;
    border-radius: 16px; box-shadow: 0 1px 3px rgb(15 23 42 / 8%), 0 8px 24px rgb(15 23 42 / 6%); }
  .code { margin: 0; color: #64748b; font-weight: 700; letter-spacing: .08em; }
  h1 { margin: 4px 0 12px; font-size: 22px; line-height: 1.35; }
  p { margin: 0 0 12px; color: #475569; }
  a { color: #1d4ed8; font-weight: 600; }
</style>
</head>
<body>
<main>
<p class="code">Aperçu · ${status}</p>
<h1>${escapeHtml(message)}</h1>
${detail ? `<p>${escapeHtml(detail)}</p>\n` : ''}${status >= 502 ? '<p><a href="">Réessayer</a> une fois le serveur lancé.</p>\n' : ''}
</main>
</body>
</html>
`;
}
