// The production entry (npm run start:prod, the image's CMD): main.ts and the packages it
// loads, bundled into one file by scripts/bundle.ts at build time. Node's version is checked
// and its compile cache enabled before that file is compiled, so that its code is cached too.
import './node-version';
import './compile-cache';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the build writes
require('./main.bundle.js');
