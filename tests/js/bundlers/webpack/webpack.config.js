// webpack 5 as its documentation starts a project: one entry, production
// mode, the bundle and its assets in dist/ beside a copy of index.html
// (tests/js/bundlers.test.mjs copies tests/js/bundlers/index.html).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: join(dirname(fileURLToPath(import.meta.url)), 'dist'), filename: 'main.js', clean: true },
};
