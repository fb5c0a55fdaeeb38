#!/usr/bin/env node
// The `seatmate` command (AUTOMATION-CONTRACT §1). The sources are TypeScript; tsx compiles them
// on the fly so the CLI, the tests and the web host run the very same code as the app.
// `web` goes to the web host (src/web), everything else to the command line (src/cli): the two
// never import each other.
import { register } from 'tsx/esm/api';

register();
const [command, ...args] = process.argv.slice(2);
if (command === 'web') {
  const { ensureWebBuild } = await import('../scripts/webBuild.ts');
  const { runWeb } = await import('../src/web/cli.ts');
  process.exitCode = await runWeb(args, { ensureBuild: () => ensureWebBuild() });
} else {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
