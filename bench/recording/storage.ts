/**
 * Storage of one hour of an active lab terminal: a student types commands (a key every
 * 120–300 ms, each echoed), the shell answers with what these commands print in the course
 * (tables of `docker ps`, `docker images`, pull and build logs, `ls -l`, coloured prompts),
 * and the student reads between commands. The events go through the real recorder into the
 * real (embedded) database, on a virtual clock: one hour of terminal in a few seconds, with
 * the recorder's own 5-second pieces (its timer runs for real, one virtual piece per tick).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PrismaClient } from '../../generated/prisma/client';
import { assembleCast } from '../../server/recordings/asciicast';
import { RecordingStore } from '../../server/recordings/recording-store';
import { terminalRecorder } from '../../server/recordings/terminal-recorder';
import { percentile, round, sleep } from '../lib/stats';

export interface StorageFigures {
  virtualMinutes: number;
  commands: number;
  events: number;
  /** Characters of output and input the terminal carried. */
  rawChars: number;
  pieces: number;
  /** Sum of the pieces' gzip data: what the database holds (plus a row's few columns). */
  compressedBytes: number;
  /** The whole hour's .cast, assembled as the player and the grader API get it. */
  castBytes: number;
  castAssemblyMs: number;
  /** Time spent in the recorder's output/input calls, per event (the terminal's own path). */
  recordCallUs: { p50: number | null; p99: number | null; max: number | null };
}

const PROMPT = '\u001b[01;32mroot@node1\u001b[00m:\u001b[01;34m~\u001b[00m# ';
const VIRTUAL_PIECE_MS = 5_000;

/** A deterministic generator: the same hour every run. */
function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (random: () => number, length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

/** What the course's commands print (sizes and shapes as in the labs). */
function outputOf(command: string, random: () => number): string {
  const rows = (count: number, row: () => string) => Array.from({ length: count }, row).join('\r\n');
  if (command.startsWith('docker ps'))
    return `CONTAINER ID   IMAGE          COMMAND                  CREATED         STATUS         PORTS                  NAMES\r\n${rows(1 + Math.floor(random() * 5), () => `${hex(random, 12)}   nginx:latest   "/docker-entrypoint.…"   ${Math.floor(random() * 50)} minutes ago   Up ${Math.floor(random() * 50)} minutes   0.0.0.0:8080->80/tcp   web-${hex(random, 4)}`)}`;
  if (command.startsWith('docker images'))
    return `REPOSITORY    TAG       IMAGE ID       CREATED        SIZE\r\n${rows(3 + Math.floor(random() * 6), () => `app-${hex(random, 3)}     latest    ${hex(random, 12)}   2 hours ago    ${Math.floor(random() * 900)}MB`)}`;
  if (command.startsWith('docker build'))
    return rows(25 + Math.floor(random() * 30), () => `\u001b[34m#${Math.floor(random() * 12)} [${Math.floor(random() * 5)}/5] RUN apt-get install -y python3\u001b[0m ${hex(random, 40)} ${round(random() * 9, 1)}s`);
  if (command.startsWith('docker pull') || command.startsWith('docker run'))
    return rows(6, () => `${hex(random, 12)}: Pull complete`) + `\r\nDigest: sha256:${hex(random, 64)}\r\nStatus: Downloaded newer image\r\n\r\nHello from Docker!\r\nThis message shows that your installation appears to be working correctly.`;
  if (command.startsWith('ls'))
    return rows(8 + Math.floor(random() * 12), () => `-rw-r--r-- 1 root root ${Math.floor(random() * 99999)} Jan 10 09:${String(Math.floor(random() * 60)).padStart(2, '0')} fichier-${hex(random, 6)}.txt`);
  if (command.startsWith('cat')) return rows(10 + Math.floor(random() * 20), () => `ligne ${hex(random, 30)}`);
  return `${hex(random, 20)}`;
}

const COMMANDS = ['docker ps', 'docker images', 'docker run hello-world', 'docker build -t app .', 'ls -l', 'cat Dockerfile', 'docker pull nginx', 'docker ps -a', 'docker logs web', 'echo $HOME'];

export async function measureStorage(prisma: PrismaClient, virtualMinutes = 60): Promise<StorageFigures> {
  const sessionId = randomUUID();
  await prisma.labSession.create({ data: { id: sessionId, ownerId: 'bench', lab: 'premiers-pas', expiresAt: new Date() } });
  const store = new RecordingStore(prisma);
  let clock = Date.UTC(2027, 0, 10, 9);
  const end = clock + virtualMinutes * 60_000;
  // The real timer of 1 ms stands for the recorder's 5 s: the loop lets it fire at each virtual 5 s.
  const recorder = terminalRecorder({ save: (piece) => store.save(piece), flushMs: 1, now: () => clock });
  const recording = recorder.start({ sessionId, node: 'node1' }, { cols: 120, rows: 32 });
  if (!recording) throw new Error('recorder off');
  const random = randomFrom(42);
  const callUs: number[] = [];
  let events = 0;
  let rawChars = 0;
  let commands = 0;
  let nextPiece = clock + VIRTUAL_PIECE_MS;
  const record = async (kind: 'output' | 'input', data: string, afterMs: number) => {
    clock += afterMs;
    if (clock >= nextPiece) {
      await sleep(2);
      nextPiece = clock + VIRTUAL_PIECE_MS;
    }
    const started = performance.now();
    recording[kind](data);
    callUs.push((performance.now() - started) * 1000);
    events += 1;
    rawChars += data.length;
  };

  await record('output', PROMPT, 0);
  while (clock < end) {
    const command = COMMANDS[Math.floor(random() * COMMANDS.length)] as string;
    commands += 1;
    for (const char of command) {
      await record('input', char, 120 + random() * 180);
      await record('output', char, 1);
    }
    await record('input', '\r', 200);
    const output = `\r\n${outputOf(command, random)}\r\n`;
    // Printed in a few chunks, as a shell's output reaches the terminal.
    for (let at = 0; at < output.length; at += 4096) await record('output', output.slice(at, at + 4096), 30 + random() * 300);
    await record('output', PROMPT, 5);
    // Reading the lab's text, thinking, before the next command.
    clock += 5_000 + random() * 25_000;
  }
  recording.close();
  await recorder.drain();

  const rows = await prisma.recordingChunk.findMany({ where: { sessionId }, select: { data: true } });
  const started = performance.now();
  const cast = assembleCast(await store.pieces(sessionId, 'node1'));
  const castAssemblyMs = performance.now() - started;
  return {
    virtualMinutes,
    commands,
    events,
    rawChars,
    pieces: rows.length,
    compressedBytes: rows.reduce((sum, row) => sum + row.data.length, 0),
    castBytes: Buffer.byteLength(cast),
    castAssemblyMs: round(castAssemblyMs),
    recordCallUs: { p50: round(percentile(callUs, 50) ?? 0, 2), p99: round(percentile(callUs, 99) ?? 0, 2), max: round(Math.max(...callUs), 1) },
  };
}
