#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm install` through the `prepare` script).
import('../dist/cli/main.js').then(
  (cli) => cli.main(process.argv),
  (err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
      console.error('freshet: the build is missing; run `npm install` (or `npm run build`) first');
      process.exit(1);
    }
    throw err;
  },
);
