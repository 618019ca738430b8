// Shared by the node tests: paths, the corpus, chromium, and a real wasi:http host.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The checked-in corpus: node's own answers, TZ=UTC. */
export function corpus() {
  return readFileSync(join(root, 'tests/data/corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

/**
 * `npm pack` of the built package (target/npm, from scripts/build) into a new
 * temporary directory.
 * Returns { work, tarball } (absolute paths); the caller removes `work`.
 */
export function packPackage() {
  const work = mkdtempSync(join(tmpdir(), 'timestamp-npm-'));
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work, join(root, 'target/npm')], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  return { work, tarball: join(work, name) };
}

/** A package from tools/node (installed by scripts/setup). */
const toolRequire = createRequire(join(root, 'tools/node/package.json'));

/** playwright-core's chromium driver (the browser is Debian's, from scripts/setup). */
export const { chromium } = toolRequire('playwright-core');

/**
 * Launch options for Debian's chromium, headless: no sandbox (none is
 * available here) and none of its background traffic to the network.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

/** A tool scripts/setup installs, or the binary `variable` names. */
function tool(variable, name) {
  if (process.env[variable]) return process.env[variable];
  const data = process.env.XDG_DATA_HOME ?? join(homedir(), '.local/share');
  return join(data, 'timestamp-tools/bin', name);
}

/** `wasmtime serve` for `component` on `port`: the command and its arguments. */
function hostCommand(component, port) {
  const addr = `127.0.0.1:${port}`;
  return [tool('TIMESTAMP_WASMTIME', 'wasmtime'), ['serve', '-S', 'cli=y', '--addr', addr, component]];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the host (see hostCommand) with the built component on a free loopback port.
 * Resolves to { url, stop } once it answers; rejects if it cannot start.
 */
export async function startHost() {
  const component = join(root, 'target/component/timestamp_spin.wasm');
  if (!existsSync(component)) {
    throw new Error(`${component} is missing: build it with scripts/build`);
  }
  const port = await freePort();
  const [binary, args] = hostCommand(component, port);
  const child = spawn(binary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${binary} serve exited: ${stderr}`);
    try {
      await fetch(`${url}/api/hello`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`${binary} serve did not answer within 30 s: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    async stop() {
      child.kill();
      await exited;
    },
  };
}
