// The minimal app bundled as the service is (scripts/bundle.ts, written by benchmark 5):
// the compile cache enabled first, as src/bundled-main.ts enables it, then the one file.
import '../../src/compile-cache';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the bench writes
require('./minimal-app.bundle.js');
