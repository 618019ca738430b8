// What a user of the package writes with esbuild, which leaves
// new URL(…, import.meta.url) alone: the .wasm imported through the
// package's `timestamp-wasm/timestamp_bg.wasm` export with esbuild's file
// loader (package.json's build script), and its URL given to init().
// convert-corpus.js is copied beside this file.
import init, { convert, convertMany } from 'timestamp-wasm';
import wasmUrl from 'timestamp-wasm/timestamp_bg.wasm';
import { convertCorpus } from './convert-corpus.js';

convertCorpus({ init, convert, convertMany }, { module_or_path: wasmUrl });
