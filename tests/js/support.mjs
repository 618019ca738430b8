// Shared by the node tests: paths, the corpus, chromium, and the real hosts
// that serve the page.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { corpusCases } from './corpus-check.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The checked-in corpus: node's own answers, TZ=UTC. */
export function corpus() {
  return corpusCases(readFileSync(join(root, 'tests/data/corpus.jsonl'), 'utf8'));
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

/** Where scripts/setup puts the tools that are not npm packages or crates (scripts/tools.sh). */
export const TOOLS_BIN = join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local/share'), 'timestamp-tools/bin');

/** A tool scripts/setup installs, or the binary `variable` names. */
function tool(variable, name) {
  return process.env[variable] || join(TOOLS_BIN, name);
}

/**
 * The command that serves the page and the API on `port` under `kind`:
 * `wasmtime serve` (the reference wasi:http host), `wash dev` (wasmCloud,
 * on deploy/wasmcloud's configuration) or edge-runtime (Vercel's Edge
 * runtime, deploy/vercel). Returns [binary, args, options].
 */
function hostCommand(kind, component, port) {
  const addr = `127.0.0.1:${port}`;
  switch (kind) {
    case 'wasmtime':
      return [tool('TIMESTAMP_WASMTIME', 'wasmtime'), ['serve', '-S', 'cli=y', '--addr', addr, component], {}];
    case 'wash':
      return [tool('WASH', 'wash'), ['-C', washProject(component, port), 'dev', '--non-interactive'], {}];
    case 'vercel':
      return ['node', ['deploy/vercel/serve.mjs', '--host', '127.0.0.1', '--port', String(port)], { cwd: root }];
    default:
      throw new Error(`no page host ${kind}`);
  }
}

/**
 * A wash project serving `component` on `port`: deploy/wasmcloud's
 * configuration with that address and no build (scripts/build built it).
 */
function washProject(component, port) {
  const config = readFileSync(join(root, 'deploy/wasmcloud/.wash/config.yaml'), 'utf8')
    .replace(/^(\s*)address:.*$/m, `$1address: 127.0.0.1:${port}`)
    .replace(/^(\s*)command:.*$/m, '$1command: "true"')
    .replace(/^(\s*)component_path:.*$/m, `$1component_path: ${component}`);
  const project = join(root, 'target/wash', `page-${port}`);
  mkdirSync(join(project, '.wash'), { recursive: true });
  writeFileSync(join(project, '.wash/config.yaml'), config);
  return project;
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
 * Starts `kind` (see hostCommand) with the built component on a free
 * loopback port. Resolves to { url, stop } once the API answers (wash
 * answers an empty 404 until its component is deployed); rejects if it
 * cannot start.
 */
export async function startHost(kind = 'wasmtime') {
  const component = join(root, 'target/component/timestamp_spin.wasm');
  if (!existsSync(component)) {
    throw new Error(`${component} is missing: build it with scripts/build`);
  }
  const port = await freePort();
  const [binary, args, options] = hostCommand(kind, component, port);
  return serveUntilAnswering(kind, binary, args, options, `http://127.0.0.1:${port}`, 60);
}

/**
 * Spawns `binary args` in a process group of its own and waits until `url`
 * answers GET /api/2016-12-25 with a 200, for at most `seconds`. Resolves to
 * { url, stop }; rejects, with the tail of what `name` printed, if it exits
 * or does not answer in time. `stop()` kills the whole group (what the
 * command started too); `stop({ gently: true })` first sends SIGTERM and
 * gives it 10 s, so that a script can stop what it started.
 */
export async function serveUntilAnswering(name, binary, args, options, url, seconds) {
  const child = spawn(binary, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let said = '';
  child.stdout.on('data', (chunk) => { said += chunk; });
  child.stderr.on('data', (chunk) => { said += chunk; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (which) => {
    try {
      process.kill(-child.pid, which);
    } catch {
      // the group is gone
    }
  };
  const stop = async ({ gently = false } = {}) => {
    if (gently && child.exitCode === null && child.signalCode === null) {
      signal('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    signal('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before answering:\n${said.slice(-3000)}`);
    }
    try {
      const answer = await fetch(`${url}/api/2016-12-25`);
      if (answer.status === 200) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer on ${url} within ${seconds} s:\n${said.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
