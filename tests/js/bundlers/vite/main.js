// What a user of the package writes in a Vite app: the bare import, then
// init() (the .wasm is found with new URL(…, import.meta.url), which Vite
// bundles), then convert(). convert-corpus.js is copied beside this file.
import init, { convert, convertMany } from 'timestamp-wasm';
import { convertCorpus } from './convert-corpus.js';

convertCorpus({ init, convert, convertMany });
