// The one-script-tag entry: registers <article-explorer> and re-exports the JS API.
// (The packaged build replaces this file with a bundle of element.js.)
export * from './element.js';
