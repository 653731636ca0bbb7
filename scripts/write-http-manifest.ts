/** npm run manifest: writes manifest.http.yml from manifest.yml (test/slack/manifest.test.ts compares them). */
import { readFile, writeFile } from 'node:fs/promises';
import { httpManifest } from '../src/slack/http-manifest.js';

const root = new URL('../', import.meta.url);
await writeFile(new URL('manifest.http.yml', root), httpManifest(await readFile(new URL('manifest.yml', root), 'utf8')));
console.log('wrote manifest.http.yml');
