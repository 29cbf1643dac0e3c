/**
 * Generates `src/generated/openapi.ts` from `openapi/openapi.yaml` with openapi-typescript, and
 * the same file inside the TypeScript client (`clients/typescript/src/generated/openapi.ts`), so
 * that the client package carries its types. `--check` regenerates in memory and fails (exit 1)
 * when a committed copy is stale, so the types can never drift from the contract.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = new URL('../openapi/openapi.yaml', import.meta.url);
const outPaths = ['../src/generated/openapi.ts', '../clients/typescript/src/generated/openapi.ts'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);
const header = '// Generated from openapi/openapi.yaml by `npm run generate`. Do not edit.\n';

// Fields with a default stay optional: a request may leave them out (the server fills them in).
const ast = await openapiTS(specUrl, { defaultNonNullable: false });
const generated = header + astToString(ast);

for (const outPath of outPaths) {
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== generated) {
      process.stderr.write(`${outPath} is stale: run \`npm run generate\` and commit it.\n`);
      process.exit(1);
    }
  } else {
    await writeFile(outPath, generated);
  }
}
