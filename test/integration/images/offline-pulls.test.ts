/**
 * Pulls inside a lab node, as a student types them: a namespaced catalog image comes through
 * the mirror, the Go guide's multi-stage build works offline, and an image missing from the
 * catalog answers with one French line (docker pull, run, build, compose), never Docker Hub's
 * connection error, with a non-zero exit code.
 */
import { describe, expect, it } from 'vitest';
import { oneNodePerFile, testDriver } from '../runtime/test-driver';
import { TEST_INSTANCE } from '../runtime/fixtures';

// As a server with DOCKYARD_PUBLIC_URL set gives it: the node names the app's page of images.
const CATALOG_URL = 'https://dockyard.example.fr/images';
const driver = testDriver(TEST_INSTANCE, { catalogUrl: CATALOG_URL });
const sandbox = oneNodePerFile(driver);
const sh = (script: string) => driver.exec(sandbox().id, ['bash', '-c', script], { timeoutMs: 170_000 });
const MISSING = "n'est pas dans le catalogue hors ligne de Dockyard (pas d'Internet ici). Images disponibles :";

describe('catalog images in a node', () => {
  it('docker pull curlimages/curl comes from the mirror under its own namespace, and runs', async () => {
    const out = await sh('docker pull -q curlimages/curl && docker run --rm curlimages/curl --version');
    expect(out.exitCode, out.output).toBe(0);
    expect(out.output).toContain('docker.io/curlimages/curl:latest');
    expect(out.output).toMatch(/^curl \d+\.\d+/m);
  });

  it("the Go guide's multi-stage build (golang:1.22-alpine, then alpine) builds and runs offline", async () => {
    const out = await sh(`set -e; mkdir -p /root/app && cd /root/app
printf 'module example.com/bonjour\\n\\ngo 1.22\\n' > go.mod
printf 'package main\\n\\nimport "fmt"\\n\\nfunc main() { fmt.Println("Bonjour depuis Go") }\\n' > main.go
cat > Dockerfile <<'EOF'
FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod main.go ./
RUN go build -o /bonjour .
FROM alpine:3.20
COPY --from=build /bonjour /usr/local/bin/bonjour
CMD ["bonjour"]
EOF
docker build -q -t bonjour . >/dev/null
docker run --rm bonjour`);
    expect(out.exitCode, out.output).toBe(0);
    expect(out.output.trim().split('\n').at(-1)).toBe('Bonjour depuis Go');
  });
});

describe('an image missing from the catalog', () => {
  it('docker pull and docker run say so in French, once, and fail', async () => {
    const pull = await sh('docker pull pas-dans-le-catalogue:1.0');
    expect(pull.exitCode).not.toBe(0);
    expect(pull.output).toContain(`L'image pas-dans-le-catalogue:1.0 ${MISSING} ${CATALOG_URL}`);
    expect(pull.output).not.toContain('registry-1.docker.io');

    const run = await sh('docker run --rm nginx:9.99');
    expect(run.exitCode).toBe(125);
    expect(run.output).toContain(`L'image nginx:9.99 ${MISSING}`);
    expect(run.output.split(MISSING)).toHaveLength(2);
    expect(run.output).not.toContain('registry-1.docker.io');
  });

  it('docker build names the image of the FROM, and docker compose the service', async () => {
    const build = await sh('mkdir -p /root/b && cd /root/b && printf "FROM toto:2\\nRUN true\\n" > Dockerfile && docker build -t b .');
    expect(build.exitCode).not.toBe(0);
    expect(build.output).toContain(`L'image toto:2 ${MISSING}`);
    expect(build.output).not.toContain('registry-1.docker.io');

    const compose = await sh(`mkdir -p /root/c && cd /root/c && printf 'services:\\n  web:\\n    image: toto:3\\n' > compose.yaml && docker compose up -d`);
    expect(compose.exitCode).not.toBe(0);
    expect(compose.output).toContain(`L'image du service web ${MISSING}`);
    expect(compose.output).not.toContain('registry-1.docker.io');
  });

  it('leaves the TTY of docker run -it and the exit code of the container alone', async () => {
    const out = await sh(`script -qec 'docker run -it --rm alpine sh -c "tty; exit 7"' /dev/null; echo "code $?"`);
    expect(out.output).toMatch(/\/dev\/pts\/\d+/);
    expect(out.output).toContain('code 7');
  });
});
