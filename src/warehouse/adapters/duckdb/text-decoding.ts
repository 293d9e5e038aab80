// @duckdb/node-api decodes every VARCHAR with a default TextDecoder, which drops a leading
// U+FEFF: '\ufeffab' stored intact in DuckDB would read back as 'ab'. Values are data and
// must come back as stored, so its shared decoder is replaced by one that keeps the BOM.
// (The library reads `exports.textDecoder` at each call, so replacing it takes effect.)
import { TextDecoder } from 'node:util';
import * as accessors from '@duckdb/node-api/lib/vectors/dataAccessors';

const target = accessors as { textDecoder: TextDecoder };
if (!target.textDecoder.ignoreBOM)
  target.textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
