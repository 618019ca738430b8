// What a user of the package writes in a webpack 5 app: the bare import,
// then init() (webpack 5 emits the .wasm that new URL(…, import.meta.url)
// names as an asset), then convert(). convert-corpus.js is copied beside
// this file.
import init, { convert, convertMany } from 'timestamp-wasm';
import { convertCorpus } from './convert-corpus.js';

convertCorpus({ init, convert, convertMany });
