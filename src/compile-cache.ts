// Cold starts (Cloud Run): V8 keeps compiled code on disk between starts. Imported first.
import { enableCompileCache } from 'node:module';

enableCompileCache();
