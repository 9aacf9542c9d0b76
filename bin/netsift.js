#!/usr/bin/env node
// Entry point for the `netsift` command: the compiled CLI lives in dist/ (built by `npm install`).
import('../dist/src/cli/main.js').then((m) => m.main(process.argv)).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('netsift: dist/ is missing; run `npm install` (or `npm run build`) first\n');
    process.exit(70);
  }
  throw err;
});
